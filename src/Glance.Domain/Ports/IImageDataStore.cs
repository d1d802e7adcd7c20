namespace Glance.Domain.Ports;

/// <summary>
/// Where image bytes live: one blob per image. Bytes the service writes or validates are sealed under a lease
/// only the service knows, so nothing else can change or delete them.
/// </summary>
public interface IImageDataStore
{
    /// <summary>Creates (or replaces an unsealed) blob for the image and seals it under <paramref name="leaseId"/>.</summary>
    Task CreateSealedAsync(string imageId, string leaseId, CancellationToken cancellationToken = default);

    /// <summary>Writes the image's sealed blob from a stream (which may hash as it is read).</summary>
    Task WriteAsync(string imageId, string leaseId, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Seals a blob a client uploaded under <paramref name="leaseId"/>; false when there is no blob or it is already sealed.</summary>
    Task<bool> TrySealAsync(string imageId, string leaseId, CancellationToken cancellationToken = default);

    /// <summary>Opens the image's bytes for reading from <paramref name="offset"/>, <paramref name="length"/> bytes (null: to the end).</summary>
    Task<Stream> OpenReadAsync(string imageId, long offset = 0, long? length = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes the image's bytes, breaking any lease; nothing happens when there are none.</summary>
    Task DeleteAsync(string imageId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the bytes only if they are sealed under <paramref name="leaseId"/>; false when they are not (someone else's).</summary>
    Task<bool> DeleteSealedAsync(string imageId, string leaseId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the bytes only if nobody sealed them (a stray upload); false when they are sealed or absent.</summary>
    Task<bool> DeleteUnsealedAsync(string imageId, CancellationToken cancellationToken = default);
}
