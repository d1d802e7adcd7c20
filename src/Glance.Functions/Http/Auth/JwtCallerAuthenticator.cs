using Glance.Domain.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Glance.Functions.Http.Auth;

/// <summary>
/// <c>jwt</c> mode: a bearer token from <c>Authorization: Bearer</c> or <c>X-Auth-Token</c> (what OpenStack clients
/// send), validated by Microsoft.IdentityModel against the issuer's OpenID Connect metadata: signature with a key
/// of its JWKS (cached; fetched again when a token names a key we do not have, which is how key rotation shows),
/// issuer, audience and lifetime. Unsigned tokens (<c>alg: none</c>) are refused by the handler.
/// </summary>
public sealed class JwtCallerAuthenticator : ICallerAuthenticator, IDisposable
{
    private readonly JwtAuthOptions _options;
    private readonly ILogger<JwtCallerAuthenticator> _logger;
    private readonly HttpClient _metadataClient;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _metadata;
    private readonly TokenValidationParameters _parameters;
    private readonly JsonWebTokenHandler _handler = new();

    public JwtCallerAuthenticator(IOptions<AuthOptions> options, ILogger<JwtCallerAuthenticator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value.Jwt;
        _logger = logger;
        // This object lives as long as the app and keeps its client: recycling pooled connections lets a
        // change of the issuer's DNS take effect, which IHttpClientFactory would otherwise be there for.
        _metadataClient = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(15) })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(
            _options.MetadataUrl,
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(_metadataClient) { RequireHttps = _options.RequireHttpsMetadata })
        {
            RefreshInterval = _options.MetadataRefreshInterval,
        };
        _parameters = new TokenValidationParameters
        {
            // With a configuration manager the handler takes the signing keys and (unless ValidIssuer is set) the
            // issuer from the metadata, and on an unknown key asks for fresh metadata and tries once more.
            ConfigurationManager = _metadata,
            ValidIssuer = string.IsNullOrEmpty(_options.Issuer) ? null : _options.Issuer,
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

    public async ValueTask<Caller> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = TokenFrom(request) ?? throw Unauthenticated.Exception();
        try
        {
            // Asked first so that an issuer we cannot reach is a 503, not a token "signed with an unknown key".
            await _metadata.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException e) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogError(e, "OpenID Connect metadata at {MetadataAddress} could not be read", _options.MetadataUrl);
            throw new AuthServiceUnavailableException("The token issuer's metadata could not be read.", e);
        }
        var result = await _handler.ValidateTokenAsync(token, _parameters);
        if (!result.IsValid)
        {
            _logger.LogInformation("Bearer token refused: {Reason}", result.Exception?.Message);
            throw Unauthenticated.Exception();
        }
        return JwtClaimsMapping.ToCaller(result.ClaimsIdentity, _options);
    }

    public void Dispose() => _metadataClient.Dispose();

    private static string? TokenFrom(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var bearer = authorization["Bearer ".Length..].Trim();
            return bearer.Length > 0 ? bearer : null;
        }
        var token = request.Headers["X-Auth-Token"].ToString().Trim();
        return token.Length > 0 ? token : null;
    }
}
