using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Sas;
using Glance.Domain.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Storage.Blobs;

/// <summary>
/// SAS URLs signed with a user delegation key obtained with the app's managed identity: for Azure accounts with
/// shared keys disabled. Each account's key (stores may be in other accounts) is reused until it would expire before
/// the URL it signs.
/// </summary>
public sealed class UserDelegationDataUrlIssuer : IDataUrlIssuer
{
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(12);
    private readonly BlobStores _stores;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly Dictionary<string, UserDelegationKey> _keys = new(StringComparer.Ordinal);

    /// <summary>One store, the account's original container.</summary>
    public UserDelegationDataUrlIssuer(BlobServiceClient blobs, TimeProvider clock)
        : this(BlobStores.Single(blobs), clock)
    {
    }

    [ActivatorUtilitiesConstructor]
    public UserDelegationDataUrlIssuer(BlobStores stores, TimeProvider clock)
    {
        _stores = stores;
        _clock = clock;
    }

    public async Task<Uri> IssueUploadUrlAsync(string imageId, DateTimeOffset expiresOn, CancellationToken cancellationToken = default)
    {
        var upload = _stores.Uploads.GetBlobClient(imageId);
        return await SignAsync(upload, _stores.Uploads.GetParentBlobServiceClient(),
            DataSas.Builder(upload, BlobSasPermissions.Create | BlobSasPermissions.Write, _clock.GetUtcNow(), expiresOn), cancellationToken);
    }

    public Task<Uri> IssueDownloadUrlAsync(string imageId, DateTimeOffset expiresOn, CancellationToken cancellationToken = default) =>
        IssueDownloadUrlAsync(imageId, [_stores.Catalog.DefaultId], expiresOn, cancellationToken);

    public Task<Uri> IssueDownloadUrlAsync(string imageId, IReadOnlyList<string> stores, DateTimeOffset expiresOn, CancellationToken cancellationToken = default) =>
        StoreFailover.FirstAsync(stores, async id =>
        {
            var store = _stores.Get(id);
            var snapshot = await DownloadSnapshots.CurrentAsync(store.Blob(imageId), cancellationToken);
            return await SignAsync(snapshot, store.Service, DataSas.Download(snapshot, _clock.GetUtcNow(), expiresOn), cancellationToken);
        });

    public Task RevokeDownloadUrlsAsync(string imageId, CancellationToken cancellationToken = default) =>
        DownloadSnapshots.RevokeAsync(_stores.All.Select(s => s.Blob(imageId)), cancellationToken);

    private async Task<Uri> SignAsync(BlobClient blob, BlobServiceClient account, BlobSasBuilder builder, CancellationToken cancellationToken)
    {
        var key = await KeyValidUntilAsync(account, builder.ExpiresOn, cancellationToken);
        var sas = builder.ToSasQueryParameters(key, account.AccountName);
        // The snapshot's own query (snapshot=...) stays; the signature joins it.
        var uri = new BlobUriBuilder(blob.Uri) { Sas = sas };
        return uri.ToUri();
    }

    private async Task<UserDelegationKey> KeyValidUntilAsync(BlobServiceClient account, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var name = account.Uri.Authority + account.Uri.AbsolutePath;
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_keys.TryGetValue(name, out var cached) && cached.SignedExpiresOn >= until)
            {
                return cached;
            }
            var now = _clock.GetUtcNow();
            var expires = now + (until - now > KeyLifetime ? until - now : KeyLifetime);
            var key = (await account.GetUserDelegationKeyAsync(now.AddMinutes(-5), expires, cancellationToken)).Value;
            _keys[name] = key;
            return key;
        }
        finally
        {
            _refresh.Release();
        }
    }
}
