using System.Net;
using System.Security.Cryptography;
using System.Text;
using Glance.Authentication.Jwt;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.Tokens;

namespace Glance.Authentication.Tests.Jwt;

public sealed class OidcMetadataCacheTests : IDisposable
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(5);

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
    private readonly FakeIssuer _issuer = new();
    private readonly OidcMetadataCache _cache;

    public OidcMetadataCacheTests()
    {
        _cache = Cache(new JwtAuthOptions { Authority = "https://issuer.test/tenant", MetadataRefreshInterval = RefreshInterval });
    }

    public void Dispose() => _cache.Dispose();

    private OidcMetadataCache Cache(JwtAuthOptions options) => new(options, _issuer, _time, NullLogger<OidcMetadataCache>.Instance);

    [Fact]
    public async Task Get_Again_UsesTheCopyWithoutAskingTheIssuer()
    {
        var first = await _cache.GetAsync();
        _time.Advance(TimeSpan.FromHours(11));
        var second = await _cache.GetAsync();

        Assert.Same(first, second);
        Assert.Equal("https://issuer.test/tenant", first.Issuer);
        Assert.Equal(["key-1"], first.SigningKeys.Select(k => k.KeyId));
        Assert.Equal(["/tenant/.well-known/openid-configuration", "/tenant/keys"], _issuer.Paths);
    }

    [Fact]
    public async Task Get_AfterTwelveHours_FetchesAgain()
    {
        await _cache.GetAsync();
        _issuer.KeyId = "key-2";
        _time.Advance(OidcMetadataCache.AutomaticRefreshInterval);

        var refreshed = await _cache.GetAsync();

        Assert.Equal(["key-2"], refreshed.SigningKeys.Select(k => k.KeyId));
    }

    [Fact]
    public async Task Get_UnknownKey_FetchesAtOnceButOnlyOncePerRefreshInterval()
    {
        await _cache.GetAsync();
        _time.Advance(RefreshInterval);
        _issuer.KeyId = "key-2";

        var rotated = await _cache.GetAsync(unknownKey: true);
        _issuer.KeyId = "key-3";
        _time.Advance(RefreshInterval - TimeSpan.FromSeconds(1));
        var throttled = await _cache.GetAsync(unknownKey: true);
        _time.Advance(TimeSpan.FromSeconds(1));
        var again = await _cache.GetAsync(unknownKey: true);

        Assert.Equal(["key-2"], rotated.SigningKeys.Select(k => k.KeyId));
        Assert.Same(rotated, throttled);
        Assert.Equal(["key-3"], again.SigningKeys.Select(k => k.KeyId));
    }

    [Fact]
    public async Task Get_IssuerDownWithACopy_UsesTheCopyAndDoesNotRetryWithinTheRefreshInterval()
    {
        var copy = await _cache.GetAsync();
        _issuer.Down = true;
        _time.Advance(OidcMetadataCache.AutomaticRefreshInterval);

        var stale = await _cache.GetAsync();
        var requests = _issuer.Paths.Count;
        var stillStale = await _cache.GetAsync();

        Assert.Same(copy, stale);
        Assert.Same(copy, stillStale);
        Assert.Equal(requests, _issuer.Paths.Count);
    }

    [Fact]
    public async Task Get_IssuerDownWithoutACopy_IsUnavailableAndRetriedAfterASecond()
    {
        _issuer.Down = true;
        await Assert.ThrowsAsync<AuthServiceUnavailableException>(() => _cache.GetAsync());
        var requests = _issuer.Paths.Count;

        await Assert.ThrowsAsync<AuthServiceUnavailableException>(() => _cache.GetAsync());
        Assert.Equal(requests, _issuer.Paths.Count);

        _issuer.Down = false;
        _time.Advance(OidcMetadataCache.RetryWithoutCopy);
        var metadata = await _cache.GetAsync();
        Assert.Equal(["key-1"], metadata.SigningKeys.Select(k => k.KeyId));
    }

    [Fact]
    public async Task Get_PlainHttpWhileHttpsIsRequired_IsUnavailable()
    {
        using var cache = Cache(new JwtAuthOptions { Authority = "http://issuer.test/tenant", RequireHttpsMetadata = true });

        await Assert.ThrowsAsync<AuthServiceUnavailableException>(() => cache.GetAsync());
        Assert.Empty(_issuer.Paths);
    }

    /// <summary>An issuer's metadata and JWKS (one RSA key whose id the test sets), or failures.</summary>
    private sealed class FakeIssuer : HttpMessageHandler
    {
        private static readonly string Modulus = Base64UrlEncoder.Encode(RSA.Create(2048).ExportParameters(false).Modulus);

        public string KeyId { get; set; } = "key-1";
        public bool Down { get; set; }
        public List<string> Paths { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Paths.Add(request.RequestUri!.AbsolutePath);
            if (Down)
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
            }
            var origin = $"{request.RequestUri.Scheme}://{request.RequestUri.Authority}/tenant";
            var json = request.RequestUri.AbsolutePath.EndsWith("/keys", StringComparison.Ordinal)
                ? $$"""{"keys": [{"kty": "RSA", "use": "sig", "kid": "{{KeyId}}", "n": "{{Modulus}}", "e": "AQAB"}]}"""
                : $$"""{"issuer": "{{origin}}", "jwks_uri": "{{origin}}/keys"}""";
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
        }
    }
}
