using Glance.Domain.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Glance.Authentication.Keystone;

/// <summary>
/// <c>keystone</c> mode: the caller's <c>X-Auth-Token</c> validated by Keystone with the service's own token, as
/// keystonemiddleware's auth_token does, through <see cref="KeystoneValidationCache"/>. A token Keystone does not
/// know, has expired or has revoked is a 401; Keystone out of reach is a 503.
/// </summary>
public sealed class KeystoneCallerAuthenticator(
    KeystoneClient keystone,
    KeystoneServiceToken serviceToken,
    KeystoneValidationCache cache,
    IOptions<AuthOptions> options,
    ILogger<KeystoneCallerAuthenticator> logger) : ICallerAuthenticator
{
    /// <summary>Longer than any Keystone token (fernet ~200 bytes, PKI tokens of old a few KB).</summary>
    private const int MaxTokenLength = 16 * 1024;

    /// <summary>keystonemiddleware's challenge, which tells a client where to get a token.</summary>
    public string? Challenge => $"Keystone uri=\"{options.Value.Keystone.AuthUrl}\"";

    public async ValueTask<Caller> AuthenticateAsync(IRequestHeaders headers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var token = headers["X-Auth-Token"].Trim();
        // Keystone would only say 404 to a token that cannot be one, and a header we could not forward would read as
        // Keystone being unreachable.
        if (token.Length is 0 or > MaxTokenLength || token.Any(c => c is < '!' or > '~'))
        {
            throw Unauthenticated.Exception();
        }
        var validated = await cache.GetOrValidateAsync(token, ValidateAsync, cancellationToken);
        if (validated is null)
        {
            throw Unauthenticated.Exception();
        }
        return validated.ToCaller();

        async Task<KeystoneToken?> ValidateAsync(CancellationToken ct)
        {
            var service = await serviceToken.GetAsync(keystone, ct);
            var check = await keystone.CheckTokenAsync(service, token, ct);
            if (check.ServiceTokenRejected)
            {
                // Our own token was revoked or Keystone's keys changed before it expired: once more with a new one.
                logger.LogWarning("Keystone refused the service token; obtaining a new one");
                serviceToken.Reject(service);
                service = await serviceToken.GetAsync(keystone, ct);
                check = await keystone.CheckTokenAsync(service, token, ct);
                if (check.ServiceTokenRejected)
                {
                    throw new AuthServiceUnavailableException("Keystone refused a service token it had just issued.");
                }
            }
            if (check.Token is null)
            {
                logger.LogInformation("Keystone does not accept the token (unknown, expired or revoked)");
            }
            return check.Token;
        }
    }
}
