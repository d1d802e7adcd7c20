namespace Glance.Authentication;

/// <summary>The values of <c>Glance:Auth:Mode</c>.</summary>
public static class AuthModes
{
    /// <summary>OAuth2 bearer tokens from an OpenID Connect issuer (Microsoft Entra ID by default).</summary>
    public const string Jwt = "jwt";

    /// <summary>OpenStack Keystone tokens, validated against Keystone as keystonemiddleware does.</summary>
    public const string Keystone = "keystone";

    /// <summary>Identity from keystonemiddleware's headers; local development only.</summary>
    public const string Trusted = "trusted";

    /// <summary>Glance's noauth: an admin with no project unless keystonemiddleware's headers say otherwise; local development only.</summary>
    public const string NoAuth = "noauth";
}
