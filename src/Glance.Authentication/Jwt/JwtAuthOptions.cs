namespace Glance.Authentication.Jwt;

/// <summary>Bearer tokens from an OpenID Connect issuer. Section <c>Glance:Auth:Jwt</c>, used when the mode is <c>jwt</c>.</summary>
public sealed class JwtAuthOptions
{
    /// <summary>
    /// The issuer's base URL, e.g. <c>https://login.microsoftonline.com/{tenant id}/v2.0</c> for Entra ID; its
    /// OpenID Connect metadata (issuer, JWKS) is read from <c>{Authority}/.well-known/openid-configuration</c>.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>Where the OpenID Connect metadata is, when it is not under <see cref="Authority"/>.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>The <c>aud</c> every token must carry (for Entra ID v2 tokens, the API's application (client) id).</summary>
    public string? Audience { get; set; }

    /// <summary>The <c>iss</c> every token must carry; empty: the <c>issuer</c> of the metadata.</summary>
    public string? Issuer { get; set; }

    /// <summary>The claim holding the caller's project id (Keystone's project scope); Entra ID needs it mapped, see the README.</summary>
    public string ProjectClaim { get; set; } = "project_id";

    /// <summary>The claim holding the caller's roles (an array or a single string), lower-cased into Glance's roles.</summary>
    public string RolesClaim { get; set; } = "roles";

    /// <summary>Tolerance for clocks that disagree, applied to <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Refuse metadata and keys over plain HTTP; only a local test issuer should turn this off.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// Least time between two metadata refreshes forced by a token signed with a key we do not know yet (key
    /// rotation); without such a token the metadata is refreshed every 12 hours.
    /// </summary>
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The metadata URL actually used.</summary>
    public string MetadataUrl =>
        !string.IsNullOrEmpty(MetadataAddress)
            ? MetadataAddress
            : (Authority ?? "").TrimEnd('/') + "/.well-known/openid-configuration";
}
