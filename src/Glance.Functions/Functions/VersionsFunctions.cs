using Glance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Functions;

/// <summary>
/// /versions: 200 with the versions document to every verb, as Glance's version negotiation answers any request
/// whose first segment is <c>versions</c> before routing. It compares the segment case-sensitively (<c>/VERSIONS</c>
/// is an unknown version there: 300); GET / and unknown version prefixes answer 300 through <see cref="FallbackFunctions"/>.
/// </summary>
public sealed class VersionsFunctions(GlanceEndpoint endpoint)
{
    [Function(nameof(Versions))]
    public Task<IResult> Versions(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.Versions)] HttpRequest request) =>
        endpoint.RunAsync(request, context => Task.FromResult(endpoint.Versions.Result(
            GlancePaths.FirstSegment(request.Path.Value ?? "") == ApiRoutes.Versions ? StatusCodes.Status200OK : StatusCodes.Status300MultipleChoices,
            context.BaseUrl)), anonymous: true);
}
