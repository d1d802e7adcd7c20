using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Glance.Authentication.Keystone;

/// <summary>
/// The two Keystone v3 calls a service makes to validate tokens (typed client from IHttpClientFactory; base address
/// and timeout from <see cref="KeystoneAuthOptions"/>). Anything but a clear answer from Keystone (no connection, a
/// timeout, a 5xx, a body that is not a token) is an <see cref="AuthServiceUnavailableException"/>.
/// </summary>
public sealed class KeystoneClient(HttpClient http, IOptions<AuthOptions> options, ILogger<KeystoneClient> logger)
{
    private const string SubjectTokenHeader = "X-Subject-Token";

    /// <summary>POST /v3/auth/tokens with the service's password credentials, scoped to its project.</summary>
    public async Task<KeystoneIssuedToken> IssueServiceTokenAsync(CancellationToken cancellationToken = default)
    {
        var keystone = options.Value.Keystone;
        var body = new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject
                {
                    ["methods"] = new JsonArray("password"),
                    ["password"] = new JsonObject
                    {
                        ["user"] = new JsonObject
                        {
                            ["name"] = keystone.Username,
                            ["domain"] = new JsonObject { ["name"] = keystone.UserDomainName },
                            ["password"] = keystone.Password,
                        },
                    },
                },
                ["scope"] = new JsonObject
                {
                    ["project"] = new JsonObject
                    {
                        ["name"] = keystone.ProjectName,
                        ["domain"] = new JsonObject { ["name"] = keystone.ProjectDomainName },
                    },
                },
            },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "auth/tokens?nocatalog")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            logger.LogError("Keystone refused the service credentials of {Username} in project {ProjectName}: {Status}",
                keystone.Username, keystone.ProjectName, (int)response.StatusCode);
            throw new AuthServiceUnavailableException("Keystone refused the service's own credentials.");
        }
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK)
            || !response.Headers.TryGetValues(SubjectTokenHeader, out var values) || values.FirstOrDefault() is not { Length: > 0 } token)
        {
            throw Unexpected("issuing the service token", response);
        }
        var issued = await ReadTokenAsync(response, cancellationToken);
        logger.LogInformation("Obtained a Keystone service token for {Username}, expiring at {ExpiresAt}", keystone.Username, issued.ExpiresAt);
        return new KeystoneIssuedToken(token, issued.ExpiresAt);
    }

    /// <summary>GET /v3/auth/tokens: X-Auth-Token is the service's token, X-Subject-Token the one to check.</summary>
    public async Task<KeystoneTokenCheck> CheckTokenAsync(string serviceToken, string subjectToken, CancellationToken cancellationToken = default)
    {
        // The catalogue is not needed to identify the caller, and is most of the body.
        using var request = new HttpRequestMessage(HttpMethod.Get, "auth/tokens?nocatalog");
        request.Headers.TryAddWithoutValidation("X-Auth-Token", serviceToken);
        request.Headers.TryAddWithoutValidation(SubjectTokenHeader, subjectToken);
        using var response = await SendAsync(request, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => KeystoneTokenCheck.Valid(await ReadTokenAsync(response, cancellationToken)),
            HttpStatusCode.NotFound => KeystoneTokenCheck.NotValid,
            HttpStatusCode.Unauthorized => KeystoneTokenCheck.Rejected,
            _ => throw Unexpected("validating a token", response),
        };
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            logger.LogError(e, "Keystone at {KeystoneUrl} could not be reached", http.BaseAddress);
            throw new AuthServiceUnavailableException("Keystone could not be reached.", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError("Keystone at {KeystoneUrl} did not answer within {Timeout}", http.BaseAddress, http.Timeout);
            throw new AuthServiceUnavailableException("Keystone did not answer in time.", e);
        }
    }

    private async Task<KeystoneToken> ReadTokenAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return KeystoneToken.Parse(body.RootElement);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            logger.LogError(e, "Keystone at {KeystoneUrl} answered with a body that is not a token", http.BaseAddress);
            throw new AuthServiceUnavailableException("Keystone's answer could not be read.", e);
        }
    }

    private AuthServiceUnavailableException Unexpected(string what, HttpResponseMessage response)
    {
        logger.LogError("Keystone at {KeystoneUrl} answered {Status} when {What}", http.BaseAddress, (int)response.StatusCode, what);
        return new AuthServiceUnavailableException($"Keystone answered {(int)response.StatusCode} when {what}.");
    }
}
