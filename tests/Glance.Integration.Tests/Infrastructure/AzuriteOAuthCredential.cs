using System.Text;
using System.Text.Json;
using Azure.Core;

namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// Bearer tokens that Azurite's <c>--oauth basic</c> accepts. Azurite decodes the JWT without checking its signature
/// and requires <c>iat</c>, <c>nbf</c> and <c>exp</c> around now, an issuer starting with an Entra ID STS address and
/// a storage audience; the user delegation key it returns is derived from <c>oid</c> and <c>tid</c>. Stands in for
/// the app's managed identity.
/// </summary>
public sealed class AzuriteOAuthCredential : TokenCredential
{
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string ObjectId = "6f0c3d5e-3d7b-4f6e-9a0e-1f2a3b4c5d6e";

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var expires = now.AddHours(1);
        var header = new { alg = "none", typ = "JWT" };
        var claims = new Dictionary<string, object>
        {
            ["aud"] = "https://storage.azure.com",
            ["iss"] = $"https://sts.windows.net/{TenantId}/",
            ["iat"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["oid"] = ObjectId,
            ["tid"] = TenantId,
        };
        // Unsigned: Azurite never verifies the signature, and a real credential's token would be opaque to us anyway.
        var token = $"{Base64Url(header)}.{Base64Url(claims)}.";
        return new AccessToken(token, expires);
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));

    private static string Base64Url(object value) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
