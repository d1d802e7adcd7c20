using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Glance.Authentication.Jwt;

/// <summary>
/// The issuer's OpenID Connect metadata (issuer, signing keys from its JWKS), read by Microsoft.IdentityModel's
/// retriever and kept for <see cref="AutomaticRefreshInterval"/>. A token signed with a key we do not have asks for
/// a fresh copy, which is fetched before that token is judged (at most once per <see cref="JwtAuthOptions.MetadataRefreshInterval"/>), so
/// the first token signed after a key rotation is accepted. While the issuer cannot be reached, the last copy is
/// used; without any copy, callers get <see cref="AuthServiceUnavailableException"/>.
/// </summary>
/// <remarks>
/// Microsoft.IdentityModel's ConfigurationManager does nearly the same, but in its version 8 a requested refresh runs
/// in the background unless a process-wide AppContext switch is set, so the token that revealed a rotation is refused.
/// A singleton owned by the root container: it owns the HttpClient it reads with.
/// </remarks>
public sealed class OidcMetadataCache : IDisposable
{
    /// <summary>How long a copy is used without a reason to fetch another (ConfigurationManager's default too).</summary>
    public static readonly TimeSpan AutomaticRefreshInterval = TimeSpan.FromHours(12);

    /// <summary>How soon a failed fetch is tried again when there is no copy to fall back on.</summary>
    public static readonly TimeSpan RetryWithoutCopy = TimeSpan.FromSeconds(1);

    private readonly string _metadataAddress;
    private readonly TimeSpan _forcedRefreshInterval;
    private readonly TimeProvider _time;
    private readonly ILogger<OidcMetadataCache> _logger;
    private readonly HttpClient _http;
    private readonly HttpDocumentRetriever _retriever;
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private OpenIdConnectConfiguration? _current;
    // UTC ticks: read without the lock on the fast path, so they must not tear.
    private long _fetchedAt;
    private long _attemptedAt;
    private Exception? _lastFailure;

    /// <param name="handler">Sends the metadata and JWKS requests; disposed with this object.</param>
    public OidcMetadataCache(JwtAuthOptions options, HttpMessageHandler handler, TimeProvider time, ILogger<OidcMetadataCache> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _metadataAddress = options.MetadataUrl;
        _forcedRefreshInterval = options.MetadataRefreshInterval;
        _time = time;
        _logger = logger;
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        _retriever = new HttpDocumentRetriever(_http) { RequireHttps = options.RequireHttpsMetadata };
    }

    /// <param name="unknownKey">A token named a signing key the current copy does not have.</param>
    public async Task<OpenIdConnectConfiguration> GetAsync(bool unknownKey = false, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _current) is { } current && !Due(unknownKey))
        {
            return current;
        }
        await _fetching.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have fetched while this one waited.
            current = _current;
            if (current is not null && !Due(unknownKey))
            {
                return current;
            }
            if (current is null && Now() < Volatile.Read(ref _attemptedAt) + RetryWithoutCopy.Ticks)
            {
                throw Unavailable(_lastFailure);
            }
            Volatile.Write(ref _attemptedAt, Now());
            try
            {
                // Not the caller's token: the fetch serves every waiting caller; the HttpClient's timeout bounds it.
                var fetched = await OpenIdConnectConfigurationRetriever.GetAsync(_metadataAddress, _retriever, CancellationToken.None);
                Volatile.Write(ref _fetchedAt, Now());
                Volatile.Write(ref _lastFailure, null);
                Volatile.Write(ref _current, fetched);
                _logger.LogInformation("Read OpenID Connect metadata from {MetadataAddress}: issuer {Issuer}, {KeyCount} signing keys",
                    _metadataAddress, fetched.Issuer, fetched.SigningKeys.Count);
                return fetched;
            }
            catch (Exception e)
            {
                // Whatever went wrong (no connection, timeout, not HTTPS, not metadata), the issuer's answer is unusable.
                Volatile.Write(ref _lastFailure, e);
                if (current is not null)
                {
                    _logger.LogWarning(e, "OpenID Connect metadata at {MetadataAddress} could not be read; using the copy from {FetchedAt}",
                        _metadataAddress, new DateTimeOffset(_fetchedAt, TimeSpan.Zero));
                    return current;
                }
                _logger.LogError(e, "OpenID Connect metadata at {MetadataAddress} could not be read", _metadataAddress);
                throw Unavailable(e);
            }
        }
        finally
        {
            _fetching.Release();
        }
    }

    public void Dispose()
    {
        _fetching.Dispose();
        _http.Dispose();
    }

    /// <summary>Whether the copy we have should be fetched again. A failed attempt is not repeated within the throttle either.</summary>
    private bool Due(bool unknownKey)
    {
        var now = Now();
        var throttled = now < Volatile.Read(ref _attemptedAt) + _forcedRefreshInterval.Ticks;
        return unknownKey
            ? !throttled
            : now >= Volatile.Read(ref _fetchedAt) + AutomaticRefreshInterval.Ticks && !(throttled && Volatile.Read(ref _lastFailure) is not null);
    }

    private long Now() => _time.GetUtcNow().UtcTicks;

    private static AuthServiceUnavailableException Unavailable(Exception? cause) =>
        new("The token issuer's metadata could not be read.", cause);
}
