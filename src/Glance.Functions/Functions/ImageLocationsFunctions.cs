using Glance.Domain.Application;
using Glance.Functions.Http;
using Glance.Functions.Representation;
using Glance.Functions.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Functions;

/// <summary>Glance 2.17's locations API: GET and POST /v2/images/{imageId}/locations.</summary>
public sealed class ImageLocationsFunctions(GlanceEndpoint endpoint, ImageLocationService locations)
{
    [Function(nameof(ImageLocations))]
    public Task<IResult> ImageLocations(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.ImageLocations)] HttpRequest request,
        string imageId,
        CancellationToken cancellationToken) =>
        request.Method switch
        {
            "GET" => List(request, imageId, cancellationToken),
            "POST" => Add(request, imageId, cancellationToken),
            _ => endpoint.MethodNotAllowed(request, RouteVerbs.GetPost),
        };

    private Task<IResult> List(HttpRequest request, string imageId, CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            var found = await locations.ListLocationsAsync(context.Caller, imageId, cancellationToken);
            return new JsonResult(StatusCodes.Status200OK, w => LocationsRepresentation.Write(w, found, locations.UrlOf, locations.IsMultistore));
        }, rejectBody: true);

    private Task<IResult> Add(HttpRequest request, string imageId, CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            using var body = await endpoint.ReadJsonAsync(request, context.WorkToken(cancellationToken));
            // The body is judged after the image and the rule, in the order of our other image routes; the copy runs in
            // RunImageImport (ImageImportQueueFunctions), so the 202 is immediate, as Glance's.
            await locations.AddLocationAsync(
                context.Caller, imageId, () => LocationRequestParser.Parse(body.RootElement), context.RequestId, context.WorkToken(cancellationToken));
            return new EmptyResult(StatusCodes.Status202Accepted);
        }, idempotent: true);
}
