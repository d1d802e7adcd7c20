using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using Glance.Domain.Ports;

namespace Glance.Storage.Blobs;

/// <summary>
/// SAS URLs signed with a user delegation key obtained with the app's managed identity: for Azure accounts with
/// shared keys disabled. The key is reused until it would expire before the URL it signs.
/// </summary>
public sealed class UserDelegationDataUrlIssuer(BlobServiceClient blobs, TimeProvider clock) : IDataUrlIssuer
{
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(12);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private UserDelegationKey? _key;

    public Task<Uri> IssueUploadUrlAsync(string imageId, DateTimeOffset expiresOn, CancellationToken cancellationToken = default) =>
        IssueAsync(imageId, BlobSasPermissions.Create | BlobSasPermissions.Write, expiresOn, cancellationToken);

    public Task<Uri> IssueDownloadUrlAsync(string imageId, DateTimeOffset expiresOn, CancellationToken cancellationToken = default) =>
        IssueAsync(imageId, BlobSasPermissions.Read, expiresOn, cancellationToken);

    private async Task<Uri> IssueAsync(string imageId, BlobSasPermissions permissions, DateTimeOffset expiresOn, CancellationToken cancellationToken)
    {
        var key = await KeyValidUntilAsync(expiresOn, cancellationToken);
        var blob = blobs.GetBlobContainerClient(StorageOptions.ImagesContainer).GetBlobClient(imageId);
        var sas = DataSas.Builder(blob, permissions, clock.GetUtcNow(), expiresOn).ToSasQueryParameters(key, blobs.AccountName);
        return new UriBuilder(blob.Uri) { Query = sas.ToString() }.Uri;
    }

    private async Task<UserDelegationKey> KeyValidUntilAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        if (_key is { } cached && cached.SignedExpiresOn >= until)
        {
            return cached;
        }
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_key is { } fresh && fresh.SignedExpiresOn >= until)
            {
                return fresh;
            }
            var now = clock.GetUtcNow();
            var expires = now + (until - now > KeyLifetime ? until - now : KeyLifetime);
            _key = (await blobs.GetUserDelegationKeyAsync(now.AddMinutes(-5), expires, cancellationToken)).Value;
            return _key;
        }
        finally
        {
            _refresh.Release();
        }
    }
}
