using Glance.Domain.Errors;
using Glance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Functions;

/// <summary>
/// Every path no route serves (its template excludes theirs, so no order of trying routes lets it shadow one), as
/// Glance's pipeline answers it (<see cref="GlancePaths"/>). The first segment decides: <c>versions</c> is the
/// versions document (200, any verb); a version id Glance serves (<see cref="ApiRoutes.IsVersion"/>) is the v2 API,
/// where a path that is a route once its runs of slashes are one goes to that route's function, the bare
/// <c>/v2</c> (or <c>/v2.5</c>) is the router's redirect to <c>/v2/</c> and anything else its 404, both after
/// authentication; any other segment is the 300 with the versions document.
/// </summary>
public sealed class FallbackFunctions(GlanceEndpoint endpoint, IServiceProvider services)
{
    [Function(nameof(Unmatched))]
    public Task<IResult> Unmatched(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.Unmatched)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var path = request.Path.Value ?? "/";
        var glancePath = GlancePaths.Collapse(path);
        var first = GlancePaths.FirstSegment(glancePath);
        if (first == "versions")
        {
            return endpoint.RunAsync(request, context => Task.FromResult(endpoint.Versions.Result(StatusCodes.Status200OK, context.BaseUrl)), anonymous: true);
        }
        if (glancePath != path && (glancePath == "/" + ApiRoutes.Healthcheck || ApiRoutes.IsVersion(first))
            && ApiRouteTable.Match(glancePath) is (var route, var values))
        {
            return route.InvokeAsync(services, request, values, cancellationToken);
        }
        if (!ApiRoutes.IsVersion(first))
        {
            return endpoint.RunAsync(request, context => Task.FromResult(endpoint.Versions.Result(StatusCodes.Status300MultipleChoices, context.BaseUrl)), anonymous: true);
        }
        return endpoint.RunAsync(request, context => glancePath == "/" + first
            ? Task.FromResult<IResult>(new EmptyResult(StatusCodes.Status302Found, new Dictionary<string, string> { ["Location"] = context.BaseUrl + "/v2/" }))
            : throw GlanceErrors.ResourceNotFound());
    }
}
