using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;

namespace Glance.Upload;

/// <summary>
/// The image's current upload URL as a blob client, asked for again when it is near expiry or storage stopped
/// taking it: the service issues a fresh URL for the same blob while the image is uploading.
/// </summary>
internal sealed class UploadUrlSource(GlanceApiClient api, string imageId, long size, BlobClientOptions blobOptions)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (UploadUrl Url, BlockBlobClient Blob)? _current;

    /// <summary>How many times a URL was replaced because it expired or was about to.</summary>
    public int Renewals { get; private set; }

    /// <summary>A client for a URL that will not expire during the next request.</summary>
    public async Task<BlockBlobClient> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_current is { } current && !current.Url.IsNearExpiry(DateTimeOffset.UtcNow))
        {
            return current.Blob;
        }
        return await RenewAsync(_current?.Blob, checksum: null, cancellationToken);
    }

    /// <summary>
    /// A new URL unless another caller already replaced <paramref name="stale"/>. With <paramref name="checksum"/>,
    /// the service will also require the data's MD5 to be that.
    /// </summary>
    public async Task<BlockBlobClient> RenewAsync(BlockBlobClient? stale, string? checksum, CancellationToken cancellationToken = default)
    {
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (checksum is null && _current is { } current && current.Blob != stale && !current.Url.IsNearExpiry(DateTimeOffset.UtcNow))
            {
                return current.Blob;
            }
            var url = await api.IssueUploadUrlAsync(imageId, size, checksum, cancellationToken);
            Renewals += checksum is null && _current is not null ? 1 : 0;
            var blob = new BlockBlobClient(url.Url, blobOptions);
            _current = (url, blob);
            return blob;
        }
        finally
        {
            _refresh.Release();
        }
    }
}
