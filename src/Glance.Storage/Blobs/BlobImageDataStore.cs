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
/// </summary>
public sealed class BlobImageDataStore(BlobServiceClient blobs) : IImageDataStore
{
    private const int BlockSize = 8 * 1024 * 1024;
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(StorageOptions.ImagesContainer);
    private readonly BlobContainerClient _uploads = blobs.GetBlobContainerClient(StorageOptions.UploadsContainer);

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
        // A server-side copy within the account: no byte passes through the service. Hot, whatever tier the upload has.
        var copy = await blob.StartCopyFromUriAsync(Upload(imageId).WithSnapshot(upload.Snapshot).Uri,
            new BlobCopyFromUriOptions { AccessTier = AccessTier.Hot }, cancellationToken);
        await copy.WaitForCompletionAsync(cancellationToken);
        await blob.GetBlobLeaseClient(leaseId).AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration, cancellationToken: cancellationToken);
        await blob.SetHttpHeadersAsync(ServedHeaders, new BlobRequestConditions { LeaseId = leaseId }, cancellationToken);
        await blob.SetMetadataAsync(new Dictionary<string, string>(), new BlobRequestConditions { LeaseId = leaseId }, cancellationToken);
    }

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
        Task.WhenAll(DeleteServedAsync(imageId, leaseId, cancellationToken), DeleteUploadAsync(imageId, cancellationToken));

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

    private BlobClient Blob(string imageId) => _container.GetBlobClient(imageId);

    private BlobClient Upload(string imageId) => _uploads.GetBlobClient(imageId);
}
