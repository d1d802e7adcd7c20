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

    public async Task<Uri> IssueUploadUrlAsync(string imageId, DateTimeOffset expiresOn, CancellationToken cancellationToken = default)
    {
        var upload = blobs.GetBlobContainerClient(StorageOptions.UploadsContainer).GetBlobClient(imageId);
        return await SignAsync(upload, DataSas.Builder(upload, BlobSasPermissions.Create | BlobSasPermissions.Write, clock.GetUtcNow(), expiresOn), cancellationToken);
    }

    public async Task<Uri> IssueDownloadUrlAsync(string imageId, DateTimeOffset expiresOn, CancellationToken cancellationToken = default)
    {
        var snapshot = await DownloadSnapshots.CurrentAsync(Served(imageId), cancellationToken);
        return await SignAsync(snapshot, DataSas.Download(snapshot, clock.GetUtcNow(), expiresOn), cancellationToken);
    }

    public Task RevokeDownloadUrlsAsync(string imageId, CancellationToken cancellationToken = default) =>
        DownloadSnapshots.RevokeAsync(Served(imageId), cancellationToken);

    private async Task<Uri> SignAsync(BlobClient blob, BlobSasBuilder builder, CancellationToken cancellationToken)
    {
        var key = await KeyValidUntilAsync(builder.ExpiresOn, cancellationToken);
        var sas = builder.ToSasQueryParameters(key, blobs.AccountName);
        // The snapshot's own query (snapshot=...) stays; the signature joins it.
        var uri = new BlobUriBuilder(blob.Uri) { Sas = sas };
        return uri.ToUri();
    }

    private BlobClient Served(string imageId) => blobs.GetBlobContainerClient(StorageOptions.ImagesContainer).GetBlobClient(imageId);

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
