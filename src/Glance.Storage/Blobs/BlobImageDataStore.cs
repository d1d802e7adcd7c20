using System.Net;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Glance.Domain.Errors;
using Glance.Domain.Ports;

namespace Glance.Storage.Blobs;

/// <summary>
/// Image bytes as block blobs, one per image, sealed by an infinite lease that only the service knows: an upload
/// URL (a SAS) can create and write the blob but carries no lease id, so once sealed its bytes cannot change or
/// be deleted by anyone holding the URL. Chosen over copying validated bytes elsewhere because it moves nothing.
/// </summary>
public sealed class BlobImageDataStore(BlobServiceClient blobs) : IImageDataStore
{
    private const int BlockSize = 8 * 1024 * 1024;
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(StorageOptions.ImagesContainer);

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
            throw GlanceException.Conflict($"Image {imageId} already has data being written.");
        }
    }

    public async Task WriteAsync(string imageId, string leaseId, Stream content, CancellationToken cancellationToken = default)
    {
        await Blob(imageId).UploadAsync(content, new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { LeaseId = leaseId },
            TransferOptions = new Azure.Storage.StorageTransferOptions
            {
                InitialTransferSize = BlockSize,
                MaximumTransferSize = BlockSize,
                MaximumConcurrency = 4,
            },
        }, cancellationToken);
    }

    public async Task<bool> TrySealAsync(string imageId, string leaseId, CancellationToken cancellationToken = default)
    {
        try
        {
            await Blob(imageId).GetBlobLeaseClient(leaseId).AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration, cancellationToken: cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.NotFound or (int)HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    public async Task<Stream> OpenReadAsync(string imageId, long offset = 0, long? length = null, CancellationToken cancellationToken = default)
    {
        var response = await Blob(imageId).DownloadStreamingAsync(
            new BlobDownloadOptions { Range = new HttpRange(offset, length) }, cancellationToken);
        return response.Value.Content;
    }

    public async Task DeleteAsync(string imageId, CancellationToken cancellationToken = default)
    {
        var blob = Blob(imageId);
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

    public async Task<bool> DeleteUnsealedAsync(string imageId, CancellationToken cancellationToken = default)
    {
        try
        {
            // Without a lease id, a delete of a leased blob is refused: sealed bytes stay.
            var response = await Blob(imageId).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
            return response.Value;
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    private BlobClient Blob(string imageId) => _container.GetBlobClient(imageId);
}
