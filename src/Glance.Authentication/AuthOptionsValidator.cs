using Glance.Authentication.Jwt;
using Glance.Authentication.Keystone;
using Microsoft.Extensions.Options;

namespace Glance.Authentication;

/// <summary>
/// What each mode needs to work at all, checked at start so that a misconfigured service fails to start instead of
/// answering every request 401 or 503.
/// </summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.Mode switch
        {
            AuthModes.Jwt => ValidateJwt(options.Jwt),
            AuthModes.Keystone => ValidateKeystone(options.Keystone),
            _ => [],
        };
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static List<string> ValidateJwt(JwtAuthOptions jwt)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(jwt.Authority) && string.IsNullOrWhiteSpace(jwt.MetadataAddress))
        {
            failures.Add("Glance:Auth:Jwt:Authority (or Glance:Auth:Jwt:MetadataAddress) is required in jwt mode.");
        }
        else if (!Uri.TryCreate(jwt.MetadataUrl, UriKind.Absolute, out var metadata) || metadata.Scheme is not ("https" or "http"))
        {
            failures.Add($"Glance:Auth:Jwt: the metadata address '{jwt.MetadataUrl}' is not an absolute http(s) URL.");
        }
        else if (jwt.RequireHttpsMetadata && metadata.Scheme != "https")
        {
            failures.Add($"Glance:Auth:Jwt: the metadata address '{jwt.MetadataUrl}' is not HTTPS (Glance:Auth:Jwt:RequireHttpsMetadata is true).");
        }
        if (string.IsNullOrWhiteSpace(jwt.Audience))
        {
            failures.Add("Glance:Auth:Jwt:Audience is required in jwt mode.");
        }
        if (string.IsNullOrWhiteSpace(jwt.ProjectClaim) || string.IsNullOrWhiteSpace(jwt.RolesClaim))
        {
            failures.Add("Glance:Auth:Jwt:ProjectClaim and Glance:Auth:Jwt:RolesClaim cannot be empty.");
        }
        if (jwt.ClockSkew < TimeSpan.Zero || jwt.ClockSkew > TimeSpan.FromMinutes(5))
        {
            failures.Add("Glance:Auth:Jwt:ClockSkew must be between 00:00:00 and 00:05:00.");
        }
        // Microsoft.IdentityModel refuses anything shorter than a second.
        if (jwt.MetadataRefreshInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add("Glance:Auth:Jwt:MetadataRefreshInterval must be at least 00:00:01.");
        }
        return failures;
    }

    private static List<string> ValidateKeystone(KeystoneAuthOptions keystone)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(keystone.AuthUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            failures.Add("Glance:Auth:Keystone:AuthUrl must be Keystone's absolute http(s) URL in keystone mode.");
        }
        if (string.IsNullOrWhiteSpace(keystone.Username) || string.IsNullOrEmpty(keystone.Password) || string.IsNullOrWhiteSpace(keystone.ProjectName))
        {
            failures.Add("Glance:Auth:Keystone:Username, Password and ProjectName (the service's own credentials) are required in keystone mode.");
        }
        if (string.IsNullOrWhiteSpace(keystone.UserDomainName) || string.IsNullOrWhiteSpace(keystone.ProjectDomainName))
        {
            failures.Add("Glance:Auth:Keystone:UserDomainName and ProjectDomainName cannot be empty.");
        }
        if (keystone.CacheTime < TimeSpan.Zero)
        {
            failures.Add("Glance:Auth:Keystone:CacheTime cannot be negative.");
        }
        if (keystone.CacheSizeLimit < 1)
        {
            failures.Add("Glance:Auth:Keystone:CacheSizeLimit must be at least 1.");
        }
        if (keystone.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add("Glance:Auth:Keystone:RequestTimeout must be positive.");
        }
        return failures;
    }
}
