namespace Glance.Authentication.Keystone;

/// <summary>
/// Token validation against Keystone, as keystonemiddleware's <c>[keystone_authtoken]</c> does. Section
/// <c>Glance:Auth:Keystone</c>, used when the mode is <c>keystone</c>.
/// </summary>
public sealed class KeystoneAuthOptions
{
    /// <summary>Keystone's identity endpoint, with or without <c>/v3</c> (what clients have in OS_AUTH_URL).</summary>
    public string? AuthUrl { get; set; }

    /// <summary>The service's own user, which validates the tokens it receives (keystonemiddleware's <c>username</c>).</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The project the service user's token is scoped to (usually <c>service</c>).</summary>
    public string? ProjectName { get; set; }

    public string UserDomainName { get; set; } = "Default";

    public string ProjectDomainName { get; set; } = "Default";

    /// <summary>
    /// How long a validation result (valid or not) is reused, never past the token's <c>expires_at</c>
    /// (keystonemiddleware's <c>token_cache_time</c>, 300 s). A revoked token keeps working until then. Zero: no cache.
    /// </summary>
    public TimeSpan CacheTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most validation results kept; past it, new results are not cached until older ones expire or are evicted.</summary>
    public int CacheSizeLimit { get; set; } = 10_000;

    /// <summary>How long one request to Keystone may take before the caller gets 503.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Keystone's v3 base URL, ending with <c>/v3/</c>.</summary>
    public Uri V3Url
    {
        get
        {
            var url = (AuthUrl ?? "").TrimEnd('/');
            return new Uri((url.EndsWith("/v3", StringComparison.Ordinal) ? url : url + "/v3") + "/");
        }
    }
}
