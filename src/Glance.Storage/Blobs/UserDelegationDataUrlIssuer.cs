using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Sas;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Storage.Blobs;

/// <summary>
/// SAS URLs signed with a user delegation key obtained with the app's managed identity: for Azure accounts with
/// shared keys disabled. Each account's key (stores may be in other accounts) is reused until it would expire before
/// the URL it signs.
/// </summary>
[method: ActivatorUtilitiesConstructor]
public sealed class UserDelegationDataUrlIssuer(BlobStores stores, TimeProvider clock) : BlobDataUrlIssuer(stores, clock)
{
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(12);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly Dictionary<string, UserDelegationKey> _keys = new(StringComparer.Ordinal);

    /// <summary>One store, the account's original container.</summary>
    public UserDelegationDataUrlIssuer(BlobServiceClient blobs, TimeProvider clock)
        : this(BlobStores.Single(blobs), clock)
    {
    }

    protected override async Task<Uri> SignAsync(BlobClient blob, BlobServiceClient account, BlobSasBuilder builder, CancellationToken cancellationToken)
    {
        var key = await KeyValidUntilAsync(account, builder.ExpiresOn, cancellationToken);
        var sas = builder.ToSasQueryParameters(key, account.AccountName);
        // The snapshot's own query (snapshot=...) stays; the signature joins it.
        return new BlobUriBuilder(blob.Uri) { Sas = sas }.ToUri();
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
            var now = Clock.GetUtcNow();
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
