using System.Net;
using System.Net.Sockets;
using Glance.Domain.Errors;
using Glance.Domain.Identity;
using Glance.Authentication.Keystone;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Glance.Authentication.Tests.Keystone;

public sealed class KeystoneCallerAuthenticatorTests : IDisposable
{
    private static readonly TimeSpan CacheTime = TimeSpan.FromMinutes(5);

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
    private readonly FakeKeystone _keystone;
    private readonly IOptions<AuthOptions> _options;
    private readonly KeystoneServiceToken _serviceToken;
    private readonly KeystoneValidationCache _cache;
    private readonly KeystoneCallerAuthenticator _authenticator;

    public KeystoneCallerAuthenticatorTests()
    {
        _keystone = new FakeKeystone(_time);
        _options = Options.Create(new AuthOptions
        {
            Mode = AuthModes.Keystone,
            Keystone = new KeystoneAuthOptions
            {
                AuthUrl = "http://keystone.test:5000", Username = "glance", Password = "pw", ProjectName = "service", CacheTime = CacheTime,
            },
        });
        _serviceToken = new KeystoneServiceToken(_time);
        _cache = new KeystoneValidationCache(_options, _time);
        _authenticator = Authenticator(new HttpClient(_keystone) { BaseAddress = _options.Value.Keystone.V3Url });
    }

    public void Dispose()
    {
        _cache.Dispose();
        _serviceToken.Dispose();
        _keystone.Dispose();
    }

    private KeystoneCallerAuthenticator Authenticator(HttpClient http) =>
        new(new KeystoneClient(http, _options, NullLogger<KeystoneClient>.Instance), _serviceToken, _cache, _options,
            NullLogger<KeystoneCallerAuthenticator>.Instance);

    private static TestHeaders Request(string? token) => token is null ? new() : new() { ["X-Auth-Token"] = token };

    private Task<Caller> AuthenticateAsync(string? token) => _authenticator.AuthenticateAsync(Request(token)).AsTask();

    /// <summary>A token Keystone issued for project-1, already authenticated once, so that its validation is cached.</summary>
    private async Task CachedTokenAsync(string token, TimeSpan lifetime)
    {
        _keystone.AddUserToken(token, "project-1", lifetime);
        await AuthenticateAsync(token);
    }

    private async Task AssertNotAuthenticatedAsync(string? token)
    {
        var refusal = await Assert.ThrowsAsync<GlanceException>(() => AuthenticateAsync(token));
        Assert.Equal(GlanceErrorKind.NotAuthenticated, refusal.Kind);
        Assert.Equal(Unauthenticated.Message, refusal.Message);
    }

    [Fact]
    public async Task Authenticate_ValidToken_IsTheTokensProjectUserAndRoles()
    {
        _keystone.AddUserToken("t1", "project-1", TimeSpan.FromHours(1));

        var caller = await AuthenticateAsync("t1");

        Assert.Equal("project-1", caller.ProjectId);
        Assert.Equal("user-of-t1", caller.UserId);
        Assert.Equal(["member", "reader"], caller.Roles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Authenticate_SameTokenWithinCacheTime_AsksKeystoneOnce()
    {
        await CachedTokenAsync("t1", TimeSpan.FromHours(1));

        _time.Advance(CacheTime - TimeSpan.FromSeconds(1));
        await AuthenticateAsync("t1");

        Assert.Equal(1, _keystone.Checks);
    }

    [Fact]
    public async Task Authenticate_RevokedToken_WorksUntilItsCacheEntryExpiresThenIs401()
    {
        await CachedTokenAsync("t1", TimeSpan.FromHours(1));
        _keystone.Revoke("t1");

        _time.Advance(CacheTime - TimeSpan.FromSeconds(1));
        await AuthenticateAsync("t1");
        _time.Advance(TimeSpan.FromSeconds(1));

        await AssertNotAuthenticatedAsync("t1");
        Assert.Equal(2, _keystone.Checks);
    }

    [Fact]
    public async Task Authenticate_TokenExpiringBeforeCacheTime_IsAskedAgainAtItsExpiry()
    {
        await CachedTokenAsync("t1", TimeSpan.FromMinutes(1));

        _time.Advance(TimeSpan.FromMinutes(1));

        await AssertNotAuthenticatedAsync("t1");
        Assert.Equal(2, _keystone.Checks);
    }

    [Fact]
    public async Task Authenticate_UnknownToken_Is401AndTheRefusalIsCachedToo()
    {
        await AssertNotAuthenticatedAsync("garbage");
        await AssertNotAuthenticatedAsync("garbage");
        Assert.Equal(1, _keystone.Checks);

        _time.Advance(CacheTime);
        await AssertNotAuthenticatedAsync("garbage");
        Assert.Equal(2, _keystone.Checks);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("tok\u00e9n")]
    [InlineData("two words")]
    public async Task Authenticate_NoOrImpossibleToken_Is401WithoutAskingKeystone(string? token)
    {
        await AssertNotAuthenticatedAsync(token);

        Assert.Equal((0, 0), (_keystone.Issued, _keystone.Checks));
    }

    [Fact]
    public async Task Authenticate_SeveralTokens_ShareOneServiceToken()
    {
        _keystone.AddUserToken("t1", "project-1", TimeSpan.FromHours(1));
        _keystone.AddUserToken("t2", "project-2", TimeSpan.FromHours(1));

        await AuthenticateAsync("t1");
        var second = await AuthenticateAsync("t2");

        Assert.Equal("project-2", second.ProjectId);
        Assert.Equal((1, 2), (_keystone.Issued, _keystone.Checks));
    }

    [Fact]
    public async Task Authenticate_ServiceTokenRefusedByKeystone_ObtainsANewOneAndSucceeds()
    {
        await CachedTokenAsync("t1", TimeSpan.FromHours(1));
        _keystone.AddUserToken("t2", "project-2", TimeSpan.FromHours(1));
        _keystone.ForgetServiceTokens();

        var caller = await AuthenticateAsync("t2");

        Assert.Equal("project-2", caller.ProjectId);
        Assert.Equal((2, 3), (_keystone.Issued, _keystone.Checks));
    }

    [Fact]
    public async Task Authenticate_ServiceTokenAboutToExpire_IsRenewedFirst()
    {
        _keystone.ServiceTokenLifetime = TimeSpan.FromHours(1);
        await CachedTokenAsync("t1", TimeSpan.FromHours(3));
        _keystone.AddUserToken("t2", "project-2", TimeSpan.FromHours(3));

        _time.Advance(TimeSpan.FromMinutes(59));
        await AuthenticateAsync("t2");

        Assert.Equal((2, 2), (_keystone.Issued, _keystone.Checks));
    }

    [Fact]
    public async Task Authenticate_ServiceCredentialsRefused_IsUnavailableAndNotCached()
    {
        _keystone.RefuseCredentials = true;

        await Assert.ThrowsAsync<AuthServiceUnavailableException>(() => AuthenticateAsync("t1"));
        await Assert.ThrowsAsync<AuthServiceUnavailableException>(() => AuthenticateAsync("t1"));

        Assert.Equal(2, _keystone.Issued);
    }

    [Fact]
    public async Task Authenticate_KeystoneFailing_IsUnavailableAndNotCached()
    {
        _keystone.AddUserToken("t1", "project-1", TimeSpan.FromHours(1));
        _keystone.FailWith = HttpStatusCode.InternalServerError;
        await Assert.ThrowsAsync<AuthServiceUnavailableException>(() => AuthenticateAsync("t1"));

        _keystone.FailWith = null;
        var caller = await AuthenticateAsync("t1");

        Assert.Equal("project-1", caller.ProjectId);
    }

    [Fact]
    public async Task Authenticate_NothingListeningAtKeystonesAddress_IsUnavailable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var authenticator = Authenticator(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/v3/") });

        await Assert.ThrowsAsync<AuthServiceUnavailableException>(() => authenticator.AuthenticateAsync(Request("t1")).AsTask());
    }

    [Fact]
    public async Task Authenticate_ConcurrentRequestsWithOneNewToken_ShareOneValidation()
    {
        _keystone.AddUserToken("t1", "project-1", TimeSpan.FromHours(1));
        _keystone.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var callers = Enumerable.Range(0, 5).Select(_ => AuthenticateAsync("t1")).ToList();
        _keystone.Gate.SetResult();
        var results = await Task.WhenAll(callers);

        Assert.All(results, caller => Assert.Equal("project-1", caller.ProjectId));
        Assert.Equal(1, _keystone.Checks);
    }

    [Fact]
    public void Challenge_IsKeystonemiddlewaresWithTheAuthUrl()
    {
        Assert.Equal("Keystone uri=\"http://keystone.test:5000\"", _authenticator.Challenge);
    }
}
