using System.Net;
using System.Text.Json;
using Glance.Authentication;
using Glance.Integration.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace Glance.Integration.Tests.Auth;

/// <summary>
/// jwt mode end to end: tokens signed in the test, keys published by a real HTTP issuer on loopback, validated by
/// the real path (metadata and JWKS fetched over HTTP, Microsoft.IdentityModel's handler).
/// </summary>
[Collection(JwtAuthCollection.Name)]
public sealed class JwtAuthTests(JwtAuthHosts hosts)
{
    private static async Task AssertRefusedAsync(HttpResponseMessage response, string challenge)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(challenge, response.Headers.WwwAuthenticate.ToString());
        var body = await response.JsonAsync();
        Assert.Equal("401 Unauthorized", body.GetProperty("code").GetString());
        Assert.Equal("Unauthorized", body.GetProperty("title").GetString());
        Assert.StartsWith(Unauthenticated.Message, body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("503 Service Unavailable", body.GetProperty("code").GetString());
        Assert.Equal("Service Unavailable", body.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ValidBearerToken_CreatesAnImageOwnedByTheTokensProject()
    {
        var project = "jwt-" + Guid.NewGuid().ToString("N");
        using var client = hosts.Client(hosts.Token(project));

        var created = await client.CreateImageAsync("""{"name": "jwt-owned"}""");
        var shown = await client.GetAsync($"/v2/images/{created.GetProperty("id").GetString()}");

        Assert.Equal(project, created.GetProperty("owner").GetString());
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
    }

    [Fact]
    public async Task ValidTokenInXAuthToken_IsAcceptedAsOpenStackClientsSendIt()
    {
        var project = "jwt-" + Guid.NewGuid().ToString("N");
        using var client = hosts.Client(hosts.Token(project), asXAuthToken: true);

        var created = await client.CreateImageAsync();
        var listed = await client.GetAsync("/v2/images");

        Assert.Equal(project, created.GetProperty("owner").GetString());
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var images = (await listed.JsonAsync()).GetProperty("images").EnumerateArray().Select(i => i.GetProperty("id").GetString());
        Assert.Contains(created.GetProperty("id").GetString(), images);
    }

    [Fact]
    public async Task OpenStackClient_WithABearerTokenAsAdminToken_CreatesAndListsImages()
    {
        var project = "jwt-" + Guid.NewGuid().ToString("N");
        var name = "jwt-osc-" + Guid.NewGuid().ToString("N")[..8];
        // admin_token takes the endpoint as it is, without version discovery: it must name /v2.
        string[] auth = ["--os-auth-type", "admin_token", "--os-endpoint", hosts.Jwt.BaseUrl + "/v2", "--os-token", hosts.Token(project)];

        var created = await CommandLine.RunAsync("openstack", [.. auth, "image", "create", "--disk-format", "raw", "--container-format", "bare", name, "-f", "json"]);
        var listed = await CommandLine.RunAsync("openstack", [.. auth, "image", "list", "-f", "value", "-c", "Name"]);

        Assert.True(created.ExitCode == 0, created.Output);
        Assert.True(JsonDocument.Parse(created.Output).RootElement.TryGetProperty("owner", out var owner), created.Output);
        Assert.Equal(project, owner.GetString());
        Assert.True(listed.ExitCode == 0, listed.Output);
        Assert.Contains(name, listed.Output.Split('\n', StringSplitOptions.TrimEntries));
    }

    public static TheoryData<string> RefusedTokens() =>
        ["missing", "expired", "wrong audience", "wrong issuer", "unknown key", "tampered signature", "tampered claims", "alg none", "not a jwt"];

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task RefusedToken_Is401WithGlancesBodyAndABearerChallenge(string kind)
    {
        var claims = JwtAuthHosts.Claims("jwt-refused", ["admin"]);
        var valid = hosts.Token();
        var token = kind switch
        {
            "missing" => null,
            "expired" => hosts.Issuer.Token(JwtAuthHosts.Audience, claims, expires: DateTime.UtcNow.AddMinutes(-10)),
            "wrong audience" => hosts.Issuer.Token("api://someone-else", claims),
            "wrong issuer" => hosts.Issuer.Token(JwtAuthHosts.Audience, claims, issuer: "https://issuer.example/"),
            "unknown key" => hosts.Issuer.Token(JwtAuthHosts.Audience, claims, key: TestOidcIssuer.NewKey()),
            "tampered signature" => Tamper(valid, 2),
            "tampered claims" => Tamper(valid, 1),
            "alg none" => TestOidcIssuer.Unsigned(hosts.Issuer.Token(JwtAuthHosts.Audience, claims)),
            "not a jwt" => "gAAAAABrB-nqcC2b-ejVcj7V7URICwjQAD2f112w0c3",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        using var client = hosts.Client(token);

        var response = await client.GetAsync("/v2/images");

        await AssertRefusedAsync(response, "Bearer");
    }

    [Fact]
    public async Task KeystonemiddlewareHeadersWithoutToken_AreNotTrusted()
    {
        using var client = hosts.Client(null);
        client.DefaultRequestHeaders.Add("X-Identity-Status", "Confirmed");
        client.DefaultRequestHeaders.Add("X-Project-Id", "p1");
        client.DefaultRequestHeaders.Add("X-Roles", "admin");

        var response = await client.PostJsonAsync("/v2/images", "{}");

        await AssertRefusedAsync(response, "Bearer");
    }

    [Fact]
    public async Task VersionDiscovery_WithoutToken_StaysAnonymous()
    {
        using var client = hosts.Client(null);

        var response = await client.GetAsync("/versions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task KeyRotation_TokenSignedWithTheNewKey_IsAcceptedAndTheRetiredKeyIsNot()
    {
        using (var before = hosts.Client(hosts.Token()))
        {
            Assert.Equal(HttpStatusCode.OK, (await before.GetAsync("/v2/images")).StatusCode);
        }
        var retired = hosts.Issuer.SigningKey;
        var keyRequests = hosts.Issuer.KeyRequests;
        var rotated = hosts.Issuer.Rotate();
        // A forced refresh is allowed once per MetadataRefreshInterval since the last fetch.
        await Task.Delay(JwtAuthHosts.MetadataRefreshInterval + TimeSpan.FromMilliseconds(200));

        using var after = hosts.Client(hosts.Token("jwt-rotated"));
        var accepted = await after.GetAsync("/v2/images");
        using var old = hosts.Client(hosts.Issuer.Token(JwtAuthHosts.Audience, JwtAuthHosts.Claims("jwt-rotated", ["member"]), key: retired));
        var refused = await old.GetAsync("/v2/images");

        Assert.NotEqual(retired.KeyId, rotated.KeyId);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.True(hosts.Issuer.KeyRequests > keyRequests, "the JWKS was not fetched again after the rotation");
        await AssertRefusedAsync(refused, "Bearer");
    }

    [Fact]
    public async Task IssuerUnreachable_Is503WithGlancesBody()
    {
        using var client = hosts.Client(hosts.Token(), hosts.IssuerDown);

        await AssertUnavailableAsync(await client.GetAsync("/v2/images"));
    }

    [Fact]
    public async Task KeystoneUnreachable_Is503WithGlancesBody()
    {
        using var client = hosts.Client(null, hosts.KeystoneDown);
        client.DefaultRequestHeaders.Add("X-Auth-Token", "gAAAAABrB-nqcC2b-ejVcj7V7URICwjQAD2f112w0c3");

        await AssertUnavailableAsync(await client.GetAsync("/v2/images"));
    }

    /// <summary>Changes one character in the middle of a part of the token (1: the claims, 2: the signature).</summary>
    private static string Tamper(string token, int part)
    {
        var parts = token.Split('.');
        var bytes = Base64UrlEncoder.DecodeBytes(parts[part]);
        bytes[bytes.Length / 2] ^= 0x01;
        parts[part] = Base64UrlEncoder.Encode(bytes);
        return string.Join('.', parts);
    }
}
