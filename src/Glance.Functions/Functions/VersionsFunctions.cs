using Glance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Functions;

/// <summary>GET /versions (200). GET / and unknown version prefixes answer 300 through <see cref="FallbackFunctions"/>.</summary>
public sealed class VersionsFunctions(GlanceEndpoint endpoint)
{
    [Function(nameof(Versions))]
    public Task<IResult> Versions(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.Versions)] HttpRequest request) =>
        request.Method != "GET" ? endpoint.MethodNotAllowed(request, RouteVerbs.Get) : endpoint.RunAsync(request, context =>
            Task.FromResult<IResult>(new JsonResult(StatusCodes.Status200OK, w => VersionsDocument.Write(w, context.BaseUrl))),
            anonymous: true);
}
