using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using Glance.Domain.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Storage.Blobs;

/// <summary>SAS URLs signed with the account key: for Azurite and accounts that allow shared keys.</summary>
public sealed class AccountKeyDataUrlIssuer : IDataUrlIssuer
{
    private readonly BlobStores _stores;
    private readonly TimeProvider _clock;

    /// <summary>One store, the account's original container.</summary>
    public AccountKeyDataUrlIssuer(BlobServiceClient blobs, TimeProvider clock)
        : this(BlobStores.Single(blobs), clock)
    {
    }

    [ActivatorUtilitiesConstructor]
    public AccountKeyDataUrlIssuer(BlobStores stores, TimeProvider clock)
    {
        _stores = stores;
        _clock = clock;
    }

    public Task<Uri> IssueUploadUrlAsync(string imageId, DateTimeOffset expiresOn, CancellationToken cancellationToken = default)
    {
        var upload = _stores.Uploads.GetBlobClient(imageId);
        return Task.FromResult(upload.GenerateSasUri(DataSas.Builder(upload, BlobSasPermissions.Create | BlobSasPermissions.Write, _clock.GetUtcNow(), expiresOn)));
    }

    public Task<Uri> IssueDownloadUrlAsync(string imageId, DateTimeOffset expiresOn, CancellationToken cancellationToken = default) =>
        IssueDownloadUrlAsync(imageId, [_stores.Catalog.DefaultId], expiresOn, cancellationToken);

    public Task<Uri> IssueDownloadUrlAsync(string imageId, IReadOnlyList<string> stores, DateTimeOffset expiresOn, CancellationToken cancellationToken = default) =>
        StoreFailover.FirstAsync(stores, async store =>
        {
            var snapshot = await DownloadSnapshots.CurrentAsync(_stores.Get(store).Blob(imageId), cancellationToken);
            return snapshot.GenerateSasUri(DataSas.Download(snapshot, _clock.GetUtcNow(), expiresOn));
        });

    public Task RevokeDownloadUrlsAsync(string imageId, CancellationToken cancellationToken = default) =>
        DownloadSnapshots.RevokeAsync(_stores.All.Select(s => s.Blob(imageId)), cancellationToken);
}
