using Glance.Domain.Data;

namespace Glance.Domain.Ports;

/// <summary>
/// Where image bytes live: one blob per image that only the service writes, sealed under a lease only the service
/// knows, and an upload area where upload URLs point. Bytes reach the image's blob from the upload area only by
/// a copy of a frozen snapshot, so nothing a URL holder does can change what was validated and is served.
/// With several stores configured, the instance the service is given acts on the default store, <see cref="InStore"/>
/// on another; the upload area is one for all, and <see cref="DeleteAsync(string, CancellationToken)"/> deletes from
/// every store.
/// </summary>
public interface IImageDataStore
{
    /// <summary>Creates (or replaces an unsealed) blob for the image and seals it under <paramref name="leaseId"/>.</summary>
    Task CreateSealedAsync(string imageId, string leaseId, CancellationToken cancellationToken = default);

    /// <summary>Writes the image's sealed blob from a stream (which may hash as it is read).</summary>
    Task WriteAsync(string imageId, string leaseId, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Freezes what the upload area holds for the image (a snapshot) and describes it; null when it holds nothing.</summary>
    Task<UploadedBlob?> FreezeUploadAsync(string imageId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Copies a frozen upload into the image's own blob, sealed under <paramref name="leaseId"/>, with the service's
    /// headers (octet-stream, no encoding, attachment) whatever the upload carried.
    /// </summary>
    Task PromoteUploadAsync(string imageId, UploadedBlob upload, string leaseId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the upload area's blob for the image, with its snapshots; nothing happens when there is none.</summary>
    Task DeleteUploadAsync(string imageId, CancellationToken cancellationToken = default);

    /// <summary>Opens the image's bytes for reading from <paramref name="offset"/>, <paramref name="length"/> bytes (null: to the end).</summary>
    Task<Stream> OpenReadAsync(string imageId, long offset = 0, long? length = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the image's bytes from every store and any upload of them, breaking any lease; nothing happens when
    /// there are none.
    /// </summary>
    Task DeleteAsync(string imageId, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="DeleteAsync(string, CancellationToken)"/>, in one request per blob when the bytes are sealed under
    /// <paramref name="leaseId"/> (the image says so).
    /// </summary>
    Task DeleteAsync(string imageId, string? leaseId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the bytes only if they are sealed under <paramref name="leaseId"/>; false when they are not (someone else's).</summary>
    Task<bool> DeleteSealedAsync(string imageId, string leaseId, CancellationToken cancellationToken = default);

    /// <summary>The same operations on the configured store <paramref name="storeId"/> (its own container, the shared upload area).</summary>
    IImageDataStore InStore(string storeId);

    /// <summary>
    /// Copies the image's bytes from store <paramref name="fromStore"/> into store <paramref name="toStore"/>
    /// server-side (no byte through the service), replacing what the target held, and seals the copy under
    /// <paramref name="leaseId"/> with the service's headers and the target's access tier.
    /// </summary>
    Task CopyAsync(string imageId, string fromStore, string toStore, string leaseId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Copies image <paramref name="sourceImageId"/>'s bytes in store <paramref name="storeId"/> into image
    /// <paramref name="targetImageId"/>'s blob in the same store, server-side, replacing what the target held, and seals
    /// the copy under <paramref name="leaseId"/> with the service's headers and the store's access tier (the locations
    /// API: a new image made of another's validated bytes).
    /// </summary>
    Task CopyFromImageAsync(string sourceImageId, string targetImageId, string storeId, string leaseId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens the image's bytes from the first of <paramref name="stores"/> that can serve them: a store whose container
    /// or copy is missing, or that is out of reach, is skipped; when none can, the last failure is thrown.
    /// </summary>
    Task<Stream> OpenReadAsync(string imageId, IReadOnlyList<string> stores, long offset, long? length, CancellationToken cancellationToken = default);

    /// <summary>Deletes the copy in store <paramref name="storeId"/> only, breaking its lease; nothing happens when there is none.</summary>
    Task DeleteCopyAsync(string imageId, string storeId, CancellationToken cancellationToken = default);
}
