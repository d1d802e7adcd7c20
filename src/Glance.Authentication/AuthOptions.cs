using System.ComponentModel.DataAnnotations;
using Glance.Authentication.Jwt;
using Glance.Authentication.Keystone;

namespace Glance.Authentication;

/// <summary>How callers are identified. Section <c>Glance:Auth</c>; checked at start by <see cref="AuthOptionsValidator"/>.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Glance:Auth";

    /// <summary>
    /// <c>jwt</c>: OAuth2 bearer tokens from an OpenID Connect issuer (<see cref="Jwt"/>).
    /// <c>keystone</c>: OpenStack tokens validated against Keystone (<see cref="Keystone"/>).
    /// <c>trusted</c>: identity from the headers keystonemiddleware sets (X-Identity-Status: Confirmed,
    /// X-Project-Id, X-User-Id, X-Roles), for a service behind a validating proxy or for tests.
    /// <c>noauth</c>: requests without those headers act as an admin with no project (Glance's noauth), which is
    /// what the OpenStack CLIs need without Keystone; requests with them are identified as in trusted mode.
    /// trusted and noauth are for local development: the service refuses to start with them in Azure.
    /// </summary>
    [Required]
    [RegularExpression("^(jwt|keystone|trusted|noauth)$", ErrorMessage = "Glance:Auth:Mode must be 'jwt', 'keystone', 'trusted' or 'noauth'.")]
    public string Mode { get; set; } = "";

    public JwtAuthOptions Jwt { get; set; } = new();

    public KeystoneAuthOptions Keystone { get; set; } = new();

    public bool IsNoAuth => Mode == AuthModes.NoAuth;
}
