using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Glance.LocalServers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// An OpenID Connect issuer on loopback, as far as a resource server sees one: its metadata document and its JWKS,
/// with RSA keys made in the test. Tokens are signed by Microsoft.IdentityModel with the published key (or any
/// other, to be refused). <see cref="Rotate"/> replaces the published key, as an issuer rotating its keys does.
/// </summary>
public sealed class TestOidcIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly JsonWebTokenHandler _handler = new();
    private volatile RsaSecurityKey _signingKey = NewKey();
    private int _keyRequests;

    private TestOidcIssuer(WebApplication app, int port)
    {
        _app = app;
        Url = $"http://127.0.0.1:{port}";
    }

    /// <summary>The issuer's URL: its <c>iss</c>, and the authority its metadata is found under.</summary>
    public string Url { get; }

    /// <summary>The key the issuer publishes and signs with.</summary>
    public RsaSecurityKey SigningKey => _signingKey;

    /// <summary>How many times the JWKS was fetched.</summary>
    public int KeyRequests => Volatile.Read(ref _keyRequests);

    public static async Task<TestOidcIssuer> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var issuer = new TestOidcIssuer(app, port);
        app.MapGet("/.well-known/openid-configuration", () => Results.Text(new JsonObject
        {
            ["issuer"] = issuer.Url,
            ["jwks_uri"] = issuer.Url + "/keys",
            ["authorization_endpoint"] = issuer.Url + "/authorize",
            ["token_endpoint"] = issuer.Url + "/token",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        }.ToJsonString(), "application/json"));
        app.MapGet("/keys", () =>
        {
            Interlocked.Increment(ref issuer._keyRequests);
            return Results.Text(new JsonObject { ["keys"] = new JsonArray(Jwk(issuer._signingKey)) }.ToJsonString(), "application/json");
        });
        await app.StartAsync();
        return issuer;
    }

    public static RsaSecurityKey NewKey() => new(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N") };

    /// <summary>Publishes a new key in place of the current one and signs with it from now on.</summary>
    public RsaSecurityKey Rotate() => _signingKey = NewKey();

    /// <summary>A signed access token; by default valid for an hour, for <paramref name="audience"/>, from this issuer.</summary>
    public string Token(
        string audience,
        IDictionary<string, object> claims,
        RsaSecurityKey? key = null,
        string? issuer = null,
        DateTime? expires = null)
    {
        var expiry = expires ?? DateTime.UtcNow.AddHours(1);
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Url,
            Audience = audience,
            IssuedAt = expiry.AddHours(-2),
            NotBefore = expiry.AddHours(-2),
            Expires = expiry,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key ?? _signingKey, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>The same claims with <c>alg: none</c> and no signature.</summary>
    public static string Unsigned(string signedToken)
    {
        var parts = signedToken.Split('.');
        var header = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}"""));
        return $"{header}.{parts[1]}.";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static JsonObject Jwk(RsaSecurityKey key)
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(key);
        return new JsonObject
        {
            ["kty"] = jwk.Kty,
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["kid"] = jwk.Kid,
            ["n"] = jwk.N,
            ["e"] = jwk.E,
        };
    }
}
