using System.Text.Json;
using Glance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;

namespace Glance.Functions.Functions;

/// <summary>
/// /healthcheck as Glance's oslo.middleware healthcheck answers it, for load balancers and API Management probes:
/// 200 <c>OK</c> (or its JSON form when the client asks for JSON), 204 to HEAD. No authentication and no storage
/// call, so a probe costs nothing; it says the app is up and serving.
/// </summary>
public sealed class HealthcheckFunctions(GlanceEndpoint endpoint)
{
    private static readonly byte[] JsonBody = JsonSerializer.SerializeToUtf8Bytes(new { detailed = false, reasons = new[] { "OK" } });

    [Function(nameof(Healthcheck))]
    public Task<IResult> Healthcheck(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.Healthcheck)] HttpRequest request) =>
        request.Method switch
        {
            "GET" => endpoint.RunAsync(request, _ => Task.FromResult(WantsJson(request) ? Results.Bytes(JsonBody, "application/json") : Results.Text("OK", "text/plain")), anonymous: true),
            "HEAD" => endpoint.RunAsync(request, _ => Task.FromResult<IResult>(new EmptyResult(StatusCodes.Status204NoContent)), anonymous: true),
            _ => endpoint.MethodNotAllowed(request, RouteVerbs.GetHead),
        };

    private static bool WantsJson(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.OrderByDescending(a => a.Quality ?? 1).FirstOrDefault() is { } preferred
        && preferred.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
}
