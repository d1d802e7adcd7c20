using System.Text.Json;
using Glance.Authentication;
using Glance.Domain.Errors;
using Glance.Domain.Identity;
using Glance.Domain.Telemetry;
using Glance.Functions.Functions;
using Glance.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Glance.Functions.Http;

/// <summary>
/// What every HTTP function does around its handler, in plain code so that the Functions host and the local
/// host behave the same (worker middleware does not run in the local host): request id, identity, body rules,
/// and the mapping of failures to Glance's error responses. A 401 carries the mode's <c>WWW-Authenticate</c>
/// challenge; an identity service or storage out of reach is a 503 (the client may retry). Unexpected failures are
/// logged and answered 500 without internals.
/// </summary>
public sealed class GlanceEndpoint(
    ICallerAuthenticator authenticator, IOptions<ApiOptions> apiOptions, ILogger<GlanceEndpoint> logger, IdempotentExecution idempotency,
    VersionsDocument versions)
{
    /// <summary>This deployment's versions document and the version segments it serves.</summary>
    public VersionsDocument Versions => versions;

    public int MaxJsonBodyBytes => apiOptions.Value.MaxJsonBodyBytes;

    public async Task<IResult> RunAsync(
        HttpRequest request, Func<RequestContext, Task<IResult>> handle, bool rejectBody = false, bool anonymous = false, bool idempotent = false)
    {
        var requestId = RequestIds.From(request, out var rejection);
        request.HttpContext.Response.Headers[RequestIds.Header] = requestId;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = requestId });
        try
        {
            if (rejection is not null)
            {
                throw rejection;
            }
            // A version only multistore serves, in a deployment without: Glance's version negotiation answers first.
            if (GlancePaths.FirstSegment(GlancePaths.Collapse(request.Path.Value ?? "/")) is var first && ApiRoutes.IsVersion(first) && !versions.Serves(first))
            {
                return versions.Result(StatusCodes.Status300MultipleChoices, BaseUrl(request));
            }
            if (RequestTargets.IsAmbiguous(request))
            {
                throw GlanceErrors.ResourceNotFound();
            }
            if (rejectBody && RequestBodies.HasBody(request))
            {
                throw HttpErrors.BodyNotAllowed();
            }
            // Version discovery answers before authentication, as Glance's version negotiation does.
            var caller = anonymous ? Caller.Anonymous : await authenticator.AuthenticateAsync(new RequestHeaders(request.Headers), request.HttpContext.RequestAborted);
            var context = new RequestContext(caller, requestId, BaseUrl(request));
            var result = idempotent && IdempotentExecution.IsRequested(request)
                ? await idempotency.RunAsync(request, context, MaxJsonBodyBytes, handle)
                : await handle(context);
            logger.LogInformation("{Method} {Path} answered {Status}", request.Method, request.Path.Value, (result as IStatusCodeHttpResult)?.StatusCode);
            return result;
        }
        catch (GlanceException e)
        {
            var (code, _) = ErrorStatus.Of(e.Kind);
            if (e.Kind == GlanceErrorKind.NotAuthenticated)
            {
                GlanceMetrics.AuthRejections.Add(1);
            }
            logger.LogInformation("{Method} {Path} answered {Status}: {Reason}", request.Method, request.Path.Value, code, e.Message);
            return e.Kind == GlanceErrorKind.NotAuthenticated && authenticator.Challenge is { } challenge
                ? Error(e, new Dictionary<string, string> { ["WWW-Authenticate"] = challenge })
                : Error(e);
        }
        catch (HttpError e)
        {
            var (code, _) = ErrorStatus.Of(e.Kind);
            logger.LogInformation("{Method} {Path} answered {Status}: {Reason}", request.Method, request.Path.Value, code, e.Message);
            return Error(e);
        }
        catch (AuthServiceUnavailableException e)
        {
            GlanceMetrics.AuthUnavailable.Add(1);
            logger.LogWarning("{Method} {Path} answered 503: {Reason}", request.Method, request.Path.Value, e.Message);
            return Error(HttpErrors.ServiceUnavailable());
        }
        catch (BadHttpRequestException e)
        {
            logger.LogInformation("{Method} {Path} answered {Status}: {Reason}", request.Method, request.Path.Value, e.StatusCode, e.Message);
            return Error(e.StatusCode == StatusCodes.Status413PayloadTooLarge ? HttpErrors.BodyTooLargeForHost() : HttpErrors.BodyUnreadable());
        }
        catch (OperationCanceledException) when (request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            logger.LogInformation("{Method} {Path} was abandoned by the client", request.Method, request.Path.Value);
            return Error(HttpErrors.ClientClosedRequest());
        }
        catch (Exception e) when (StorageFailures.IsOutage(e))
        {
            logger.LogWarning(e, "{Method} {Path} answered 503: storage is unavailable", request.Method, request.Path.Value);
            return Error(HttpErrors.ServiceUnavailable());
        }
        catch (Exception e)
        {
            logger.LogError(e, "{Method} {Path} failed", request.Method, request.Path.Value);
            return Error(HttpErrors.InternalServerError());
        }
    }

    /// <summary>A verb the route does not serve: Glance's 405 with the route's verbs in <c>Allow</c>, before authentication.</summary>
    public Task<IResult> MethodNotAllowed(HttpRequest request, string allow) =>
        RunAsync(request, _ => throw HttpErrors.MethodNotAllowed(request.Method, allow), anonymous: true);

    public static ErrorResult Error(GlanceException e, IReadOnlyDictionary<string, string>? headers = null)
    {
        var (code, title) = ErrorStatus.Of(e.Kind);
        return new ErrorResult(code, title, e.Message, headers, e.IsDetail);
    }

    public static ErrorResult Error(HttpError e)
    {
        var (code, title) = ErrorStatus.Of(e.Kind);
        return new ErrorResult(code, title, e.Message, e.Headers);
    }

    /// <summary>
    /// Refuses an image body whose declared length the host would not pass on (it answers those with an empty 500),
    /// before anything is read or changed, and says where larger images go.
    /// </summary>
    public void EnsureImageBodyWithinLimit(HttpRequest request)
    {
        var limit = apiOptions.Value.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
        {
            throw HttpErrors.ImageBodyTooLarge(request.ContentLength.Value, limit);
        }
    }

    public async Task<JsonDocument> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken) =>
        await RequestBodies.ReadJsonAsync(request, MaxJsonBodyBytes, cancellationToken);

    private string BaseUrl(HttpRequest request) =>
        string.IsNullOrEmpty(apiOptions.Value.PublicEndpoint)
            ? $"{request.Scheme}://{request.Host}"
            : apiOptions.Value.PublicEndpoint.TrimEnd('/');
}
