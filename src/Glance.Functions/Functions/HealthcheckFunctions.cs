using System.Text.Json;
using Glance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;

namespace Glance.Functions.Functions;

/// <summary>
/// /healthcheck as Glance's oslo.middleware healthcheck answers it, for load balancers and API Management probes:
/// 200 <c>OK</c> (or its JSON form when the client asks for JSON), 204 to HEAD. No authentication and no storage
/// call, so a probe costs nothing; it says the app is up and serving. Like oslo.middleware it takes exactly
/// <c>/healthcheck</c> with any verb (any but HEAD is answered as GET); another spelling (<c>/healthcheck/</c>,
/// <c>/HEALTHCHECK</c>) goes on to Glance's version negotiation, which answers 300.
/// </summary>
public sealed class HealthcheckFunctions(GlanceEndpoint endpoint)
{
    private static readonly byte[] JsonBody = JsonSerializer.SerializeToUtf8Bytes(new { detailed = false, reasons = new[] { "OK" } });

    [Function(nameof(Healthcheck))]
    public Task<IResult> Healthcheck(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.Healthcheck)] HttpRequest request) =>
        endpoint.RunAsync(request, context => Task.FromResult(
            GlancePaths.WithOneLeadingSlash(request.Path.Value ?? "") != "/" + ApiRoutes.Healthcheck ? endpoint.Versions.Result(StatusCodes.Status300MultipleChoices, context.BaseUrl)
            : request.Method == "HEAD" ? new EmptyResult(StatusCodes.Status204NoContent)
            : WantsJson(request) ? Results.Bytes(JsonBody, "application/json")
            : Results.Text("OK", "text/plain")), anonymous: true);

    private static bool WantsJson(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.OrderByDescending(a => a.Quality ?? 1).FirstOrDefault() is { } preferred
        && preferred.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
}
