using Glance.Domain.Application;
using Glance.Functions.Http;
using Glance.Functions.Representation;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Functions;

/// <summary>
/// GET /v2/families/{family}/latest (ours, not Glance's): the image to boot for a family, shown as GET /v2/images/{id}
/// shows it. The family's images are listed by Glance's own <c>GET /v2/images?os_family=...</c>.
/// </summary>
public sealed class ImageFamiliesFunctions(GlanceEndpoint endpoint, ImageFamilyQueries families, ImageLocationService locations)
{
    [Function(nameof(LatestInFamily))]
    public Task<IResult> LatestInFamily(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.LatestInFamily)] HttpRequest request,
        string family,
        CancellationToken cancellationToken) =>
        request.Method != "GET" ? endpoint.MethodNotAllowed(request, RouteVerbs.Get) : endpoint.RunAsync(request, async context =>
        {
            var image = await families.LatestAsync(context.Caller, family, cancellationToken);
            return new JsonResult(StatusCodes.Status200OK, w => ImageRepresentation.Write(w, image, ImageLocationFields.For(locations, context.Caller)));
        }, rejectBody: true);
}
