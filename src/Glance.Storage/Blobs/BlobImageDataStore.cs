using System.Net;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Glance.Domain.Data;
using Glance.Domain.Errors;
using Glance.Domain.Ports;

namespace Glance.Storage.Blobs;

/// <summary>
/// Image bytes as block blobs, one per image in a container only the service writes, sealed by an infinite lease
/// that only the service knows. Upload URLs point into a separate upload area: a write SAS also lets its holder break
/// leases, snapshot, set tiers, headers and metadata, so no blob such a URL reaches may ever be served. Validation
/// freezes the upload in a snapshot and copies it server-side (no byte through the service) into the served blob.
/// One instance per store (<see cref="InStore"/>); the one the service is given acts on the default store.
/// </summary>
public sealed class BlobImageDataStore : IImageDataStore
{
    private const int BlockSize = 8 * 1024 * 1024;
    private readonly BlobStores _stores;
    private readonly BlobStoreLocation _store;
    private readonly BlobContainerClient _uploads;
    private readonly Dictionary<string, BlobImageDataStore> _others;

    /// <summary>The default store of <paramref name="stores"/>.</summary>
    public BlobImageDataStore(BlobStores stores)
        : this(stores, stores.Default, new Dictionary<string, BlobImageDataStore>(StringComparer.Ordinal))
    {
        foreach (var location in stores.All)
        {
            _others[location.Id] = location.Id == _store.Id ? this : new BlobImageDataStore(stores, location, _others);
        }
    }

    private BlobImageDataStore(BlobStores stores, BlobStoreLocation store, Dictionary<string, BlobImageDataStore> others)
    {
        _stores = stores;
        _store = store;
        _uploads = stores.Uploads;
        _others = others;
    }

    /// <summary>What every served blob says of itself, whatever an upload carried: bytes to save, never to render or unpack.</summary>
    public static readonly BlobHttpHeaders ServedHeaders = new()
    {
        ContentType = "application/octet-stream",
        ContentDisposition = "attachment",
    };

    public async Task CreateSealedAsync(string imageId, string leaseId, CancellationToken cancellationToken = default)
    {
        var blob = Blob(imageId);
        try
        {
            await blob.UploadAsync(BinaryData.Empty, overwrite: true, cancellationToken);
            await blob.GetBlobLeaseClient(leaseId).AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict)
        {
            throw GlanceErrors.DataBeingWritten(imageId);
        }
    }

    public async Task WriteAsync(string imageId, string leaseId, Stream content, CancellationToken cancellationToken = default)
    {
        await Blob(imageId).UploadAsync(content, new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { LeaseId = leaseId },
            HttpHeaders = ServedHeaders,
            TransferOptions = new Azure.Storage.StorageTransferOptions
            {
                InitialTransferSize = BlockSize,
                MaximumTransferSize = BlockSize,
                MaximumConcurrency = 4,
            },
        }, cancellationToken);
    }

    public async Task<UploadedBlob?> FreezeUploadAsync(string imageId, CancellationToken cancellationToken = default)
    {
        var upload = Upload(imageId);
        try
        {
            var snapshot = (await upload.CreateSnapshotAsync(cancellationToken: cancellationToken)).Value.Snapshot;
            // The snapshot's own properties: the base blob may change again the moment the snapshot is taken.
            var properties = (await upload.WithSnapshot(snapshot).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            return new UploadedBlob(snapshot, properties.BlobType == BlobType.Block, properties.ContentLength);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task PromoteUploadAsync(string imageId, UploadedBlob upload, string leaseId, CancellationToken cancellationToken = default)
    {
        var blob = Blob(imageId);
        // A takeover after a crash finds the earlier attempt's copy sealed under the same lease.
        await DeleteSealedAsync(imageId, leaseId, cancellationToken);
        // A server-side copy: no byte passes through the service. The store's tier, whatever tier the upload has.
        await CopySealedAsync(Upload(imageId).WithSnapshot(upload.Snapshot), _store, imageId, leaseId, cancellationToken);
    }

    public IImageDataStore InStore(string storeId) =>
        _others.TryGetValue(storeId, out var store) ? store : throw new ArgumentException($"No store '{storeId}' is configured.", nameof(storeId));

    public Task CopyAsync(string imageId, string fromStore, string toStore, string leaseId, CancellationToken cancellationToken = default) =>
        CopyServedAsync(fromStore, imageId, toStore, imageId, leaseId, cancellationToken);

    public Task CopyFromImageAsync(string sourceImageId, string targetImageId, string storeId, string leaseId, CancellationToken cancellationToken = default) =>
        CopyServedAsync(storeId, sourceImageId, storeId, targetImageId, leaseId, cancellationToken);

    private async Task CopyServedAsync(
        string fromStore, string sourceImageId, string toStore, string targetImageId, string leaseId, CancellationToken cancellationToken)
    {
        // A copy retried after a crash (or a job delivered again) finds the earlier attempt's copy sealed under the same lease.
        await ((BlobImageDataStore)InStore(toStore)).DeleteServedAsync(targetImageId, leaseId, cancellationToken);
        await CopySealedAsync(_stores.Get(fromStore).Blob(sourceImageId), _stores.Get(toStore), targetImageId, leaseId, cancellationToken);
    }

    /// <summary>
    /// Copies <paramref name="source"/> into <paramref name="target"/> server-side, then seals the copy under the lease
    /// with the service's headers and no metadata, so that the copy is exactly what a served blob is. A source in
    /// another account is read through a short read-only SAS; within an account the service's own credential does.
    /// </summary>
    private static async Task CopySealedAsync(BlobClient source, BlobStoreLocation store, string imageId, string leaseId, CancellationToken cancellationToken)
    {
        var target = store.Blob(imageId);
        var sourceUri = source.AccountName == target.AccountName && source.Uri.Authority == target.Uri.Authority
            ? source.Uri
            : await CopySources.ReadUrlAsync(source, cancellationToken);
        var copy = await target.StartCopyFromUriAsync(sourceUri, new BlobCopyFromUriOptions { AccessTier = store.Tier }, cancellationToken);
        await copy.WaitForCompletionAsync(cancellationToken);
        await target.GetBlobLeaseClient(leaseId).AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration, cancellationToken: cancellationToken);
        await target.SetHttpHeadersAsync(ServedHeaders, new BlobRequestConditions { LeaseId = leaseId }, cancellationToken);
        await target.SetMetadataAsync(new Dictionary<string, string>(), new BlobRequestConditions { LeaseId = leaseId }, cancellationToken);
    }

    public Task<Stream> OpenReadAsync(string imageId, IReadOnlyList<string> stores, long offset, long? length, CancellationToken cancellationToken = default) =>
        StoreFailover.FirstAsync(stores, store => InStore(store).OpenReadAsync(imageId, offset, length, cancellationToken));

    public Task DeleteCopyAsync(string imageId, string storeId, CancellationToken cancellationToken = default) =>
        ((BlobImageDataStore)InStore(storeId)).DeleteServedAsync(imageId, null, cancellationToken);

    public async Task DeleteUploadAsync(string imageId, CancellationToken cancellationToken = default) =>
        await Upload(imageId).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);

    public async Task<Stream> OpenReadAsync(string imageId, long offset = 0, long? length = null, CancellationToken cancellationToken = default)
    {
        var response = await Blob(imageId).DownloadStreamingAsync(
            new BlobDownloadOptions { Range = new HttpRange(offset, length) }, cancellationToken);
        return response.Value.Content;
    }

    public Task DeleteAsync(string imageId, CancellationToken cancellationToken = default) => DeleteAsync(imageId, null, cancellationToken);

    public Task DeleteAsync(string imageId, string? leaseId, CancellationToken cancellationToken = default) =>
        Task.WhenAll(_others.Values.Select(s => s.DeleteServedAsync(imageId, leaseId, cancellationToken)).Append(DeleteUploadAsync(imageId, cancellationToken)));

    private async Task DeleteServedAsync(string imageId, string? leaseId, CancellationToken cancellationToken)
    {
        var blob = Blob(imageId);
        try
        {
            await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots,
                leaseId is null ? null : new BlobRequestConditions { LeaseId = leaseId }, cancellationToken);
            return;
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict)
        {
            // Leased under another lease than the one given (or one that was not given): break it, then delete.
        }
        try
        {
            await blob.GetBlobLeaseClient().BreakAsync(TimeSpan.Zero, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.NotFound or (int)HttpStatusCode.Conflict)
        {
        }
        await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
    }

    public async Task<bool> DeleteSealedAsync(string imageId, string leaseId, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await Blob(imageId).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots,
                new BlobRequestConditions { LeaseId = leaseId }, cancellationToken);
            return response.Value;
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    private BlobClient Blob(string imageId) => _store.Blob(imageId);

    private BlobClient Upload(string imageId) => _uploads.GetBlobClient(imageId);
}
