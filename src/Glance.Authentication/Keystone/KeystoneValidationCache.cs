using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Glance.Authentication.Keystone;

/// <summary>
/// Validation results by token, valid and not valid alike (keystonemiddleware caches both), each until the token's
/// <c>expires_at</c> or <see cref="KeystoneAuthOptions.CacheTime"/>, whichever comes first; at most
/// <see cref="KeystoneAuthOptions.CacheSizeLimit"/> of them. Keystone takes seconds per validation, so concurrent
/// requests with the same new token share one validation. Tokens are kept as SHA-256 hashes, not in clear.
/// Failures to reach Keystone are not cached.
/// </summary>
public sealed class KeystoneValidationCache : IDisposable
{
    private readonly MemoryCache _results;
    private readonly ConcurrentDictionary<string, Lazy<Task<KeystoneToken?>>> _inFlight = new(StringComparer.Ordinal);
    private readonly TimeSpan _cacheTime;
    private readonly TimeProvider _time;

    public KeystoneValidationCache(IOptions<AuthOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _cacheTime = options.Value.Keystone.CacheTime;
        _time = time;
        _results = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.Keystone.CacheSizeLimit) });
    }

    /// <summary>The cached result for <paramref name="token"/>, or the result of <paramref name="validate"/> (null: not valid).</summary>
    /// <param name="validate">Runs without the caller's cancellation token: other callers may be waiting for it.</param>
    public async Task<KeystoneToken?> GetOrValidateAsync(
        string token, Func<CancellationToken, Task<KeystoneToken?>> validate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(validate);
        var key = Key(token);
        if (_results.TryGetValue(key, out Entry? cached) && cached is not null && _time.GetUtcNow() < cached.Until)
        {
            return cached.Token;
        }
        var validation = _inFlight.GetOrAdd(key, k => new Lazy<Task<KeystoneToken?>>(() => ValidateAndKeepAsync(k, validate)));
        return await validation.Value.WaitAsync(cancellationToken);
    }

    public void Dispose() => _results.Dispose();

    private async Task<KeystoneToken?> ValidateAndKeepAsync(string key, Func<CancellationToken, Task<KeystoneToken?>> validate)
    {
        try
        {
            var result = await validate(CancellationToken.None);
            var now = _time.GetUtcNow();
            var until = now + _cacheTime;
            if (result is not null && result.ExpiresAt < until)
            {
                until = result.ExpiresAt;
            }
            if (until > now)
            {
                _results.Set(key, new Entry(result, until), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = until - now });
            }
            return result;
        }
        finally
        {
            _inFlight.TryRemove(key, out _);
        }
    }

    private static string Key(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private sealed record Entry(KeystoneToken? Token, DateTimeOffset Until);
}
