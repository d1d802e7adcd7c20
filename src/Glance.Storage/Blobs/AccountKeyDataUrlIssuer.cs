using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using Glance.Domain.Ports;

namespace Glance.Storage.Blobs;

/// <summary>SAS URLs signed with the account key: for Azurite and accounts that allow shared keys.</summary>
public sealed class AccountKeyDataUrlIssuer(BlobServiceClient blobs, TimeProvider clock) : IDataUrlIssuer
{
    public Task<Uri> IssueUploadUrlAsync(string imageId, DateTimeOffset expiresOn, CancellationToken cancellationToken = default) =>
        Task.FromResult(Issue(imageId, BlobSasPermissions.Create | BlobSasPermissions.Write, expiresOn));

    public Task<Uri> IssueDownloadUrlAsync(string imageId, DateTimeOffset expiresOn, CancellationToken cancellationToken = default) =>
        Task.FromResult(Issue(imageId, BlobSasPermissions.Read, expiresOn));

    private Uri Issue(string imageId, BlobSasPermissions permissions, DateTimeOffset expiresOn)
    {
        var blob = blobs.GetBlobContainerClient(StorageOptions.ImagesContainer).GetBlobClient(imageId);
        return blob.GenerateSasUri(DataSas.Builder(blob, permissions, clock.GetUtcNow(), expiresOn));
    }
}
