using Glance.Domain.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Glance.Authentication.Jwt;

/// <summary>
/// <c>jwt</c> mode: a bearer token from <c>Authorization: Bearer</c> or <c>X-Auth-Token</c> (what OpenStack clients
/// send), validated by Microsoft.IdentityModel's JsonWebTokenHandler against the issuer's OpenID Connect metadata
/// (<see cref="OidcMetadataCache"/>): signature with a key of its JWKS, issuer, audience and lifetime. A token naming a
/// key we do not have is judged again after fetching the metadata anew (key rotation). Unsigned tokens
/// (<c>alg: none</c>) are refused by the handler.
/// </summary>
public sealed class JwtCallerAuthenticator : ICallerAuthenticator
{
    private readonly JwtAuthOptions _options;
    private readonly ILogger<JwtCallerAuthenticator> _logger;
    private readonly OidcMetadataCache _metadata;
    private readonly TokenValidationParameters _parameters;
    private readonly JsonWebTokenHandler _handler = new();

    public JwtCallerAuthenticator(IOptions<AuthOptions> options, OidcMetadataCache metadata, ILogger<JwtCallerAuthenticator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value.Jwt;
        _metadata = metadata;
        _logger = logger;
        _parameters = new TokenValidationParameters
        {
            ValidAudience = _options.Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = _options.ClockSkew,
        };
    }

    public string? Challenge => "Bearer";

    public async ValueTask<Caller> AuthenticateAsync(IRequestHeaders headers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var token = TokenFrom(headers) ?? throw Unauthenticated.Exception();
        var metadata = await _metadata.GetAsync(cancellationToken: cancellationToken);
        var result = await ValidateAsync(token, metadata);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            var refreshed = await _metadata.GetAsync(unknownKey: true, cancellationToken);
            if (!ReferenceEquals(refreshed, metadata))
            {
                result = await ValidateAsync(token, refreshed);
            }
        }
        if (!result.IsValid)
        {
            _logger.LogInformation("Bearer token refused: {Reason}", result.Exception?.Message);
            throw Unauthenticated.Exception();
        }
        return JwtClaimsMapping.ToCaller(result.ClaimsIdentity, _options);
    }

    private Task<TokenValidationResult> ValidateAsync(string token, OpenIdConnectConfiguration metadata)
    {
        var parameters = _parameters.Clone();
        parameters.IssuerSigningKeys = metadata.SigningKeys;
        parameters.ValidIssuer = string.IsNullOrEmpty(_options.Issuer) ? metadata.Issuer : _options.Issuer;
        return _handler.ValidateTokenAsync(token, parameters);
    }

    private static string? TokenFrom(IRequestHeaders headers)
    {
        var authorization = headers["Authorization"];
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var bearer = authorization["Bearer ".Length..].Trim();
            return bearer.Length > 0 ? bearer : null;
        }
        var token = headers["X-Auth-Token"].Trim();
        return token.Length > 0 ? token : null;
    }
}
