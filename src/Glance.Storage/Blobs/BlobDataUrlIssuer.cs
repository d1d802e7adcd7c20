using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Sas;
using Glance.Domain.Ports;

namespace Glance.Storage.Blobs;

/// <summary>
/// What both issuers share: which blob each URL names (the upload area's blob, a revocable snapshot in the first
/// store that can serve it) and revocation in every store. They differ only in how a SAS is signed.
/// </summary>
public abstract class BlobDataUrlIssuer(BlobStores stores, TimeProvider clock) : IDataUrlIssuer
{
    protected TimeProvider Clock { get; } = clock;

    public async Task<Uri> IssueUploadUrlAsync(string imageId, DateTimeOffset expiresOn, CancellationToken cancellationToken = default)
    {
        var upload = stores.Uploads.GetBlobClient(imageId);
        return await SignAsync(upload, stores.Uploads.GetParentBlobServiceClient(),
            DataSas.Builder(upload, BlobSasPermissions.Create | BlobSasPermissions.Write, Clock.GetUtcNow(), expiresOn), cancellationToken);
    }

    public Task<Uri> IssueDownloadUrlAsync(string imageId, DateTimeOffset expiresOn, CancellationToken cancellationToken = default) =>
        IssueDownloadUrlAsync(imageId, [stores.Catalog.DefaultId], expiresOn, cancellationToken);

    public Task<Uri> IssueDownloadUrlAsync(string imageId, IReadOnlyList<string> storeIds, DateTimeOffset expiresOn, CancellationToken cancellationToken = default) =>
        StoreFailover.FirstAsync(storeIds, async id =>
        {
            var store = stores.Get(id);
            var snapshot = await DownloadSnapshots.CurrentAsync(store.Blob(imageId), cancellationToken);
            return await SignAsync(snapshot, store.Service, DataSas.Download(snapshot, Clock.GetUtcNow(), expiresOn), cancellationToken);
        });

    public Task RevokeDownloadUrlsAsync(string imageId, CancellationToken cancellationToken = default) =>
        DownloadSnapshots.RevokeAsync(stores.All.Select(s => s.Blob(imageId)), cancellationToken);

    /// <summary>The URL of <paramref name="blob"/> (a snapshot keeps its <c>snapshot=</c>) with the SAS <paramref name="builder"/> describes.</summary>
    protected abstract Task<Uri> SignAsync(BlobClient blob, BlobServiceClient account, BlobSasBuilder builder, CancellationToken cancellationToken);
}
