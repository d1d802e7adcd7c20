using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using Glance.Domain.Ports;

namespace Glance.Storage.Blobs;

/// <summary>SAS URLs signed with the account key: for Azurite and accounts that allow shared keys.</summary>
public sealed class AccountKeyDataUrlIssuer(BlobServiceClient blobs, TimeProvider clock) : IDataUrlIssuer
{
    public Task<Uri> IssueUploadUrlAsync(string imageId, DateTimeOffset expiresOn, CancellationToken cancellationToken = default)
    {
        var upload = blobs.GetBlobContainerClient(StorageOptions.UploadsContainer).GetBlobClient(imageId);
        return Task.FromResult(upload.GenerateSasUri(DataSas.Builder(upload, BlobSasPermissions.Create | BlobSasPermissions.Write, clock.GetUtcNow(), expiresOn)));
    }

    public async Task<Uri> IssueDownloadUrlAsync(string imageId, DateTimeOffset expiresOn, CancellationToken cancellationToken = default)
    {
        var snapshot = await DownloadSnapshots.CurrentAsync(Served(imageId), cancellationToken);
        return snapshot.GenerateSasUri(DataSas.Download(snapshot, clock.GetUtcNow(), expiresOn));
    }

    public Task RevokeDownloadUrlsAsync(string imageId, CancellationToken cancellationToken = default) =>
        DownloadSnapshots.RevokeAsync(Served(imageId), cancellationToken);

    private BlobClient Served(string imageId) => blobs.GetBlobContainerClient(StorageOptions.ImagesContainer).GetBlobClient(imageId);
}
