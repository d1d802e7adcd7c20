using Glance.Domain.Application;
using Glance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Functions;

/// <summary>/v2/images/{imageId}/tags/{tag} and /v2/images/{imageId}/actions/{deactivate|reactivate}.</summary>
public sealed class ImageTagsAndActionsFunctions(GlanceEndpoint endpoint, ImageService images)
{
    [Function(nameof(ImageTag))]
    public Task<IResult> ImageTag(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.ImageTag)] HttpRequest request,
        string imageId,
        string tag,
        CancellationToken cancellationToken) =>
        request.Method switch
        {
            "PUT" => AddTag(request, imageId, tag, cancellationToken),
            "DELETE" => RemoveTag(request, imageId, tag, cancellationToken),
            _ => endpoint.MethodNotAllowed(request, RouteVerbs.PutDelete),
        };

    private Task<IResult> AddTag(HttpRequest request, string imageId, string tag, CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            await images.AddTagAsync(context.Caller, imageId, tag, cancellationToken);
            return new EmptyResult(StatusCodes.Status204NoContent);
        }, rejectBody: true);

    private Task<IResult> RemoveTag(HttpRequest request, string imageId, string tag, CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            await images.RemoveTagAsync(context.Caller, imageId, tag, cancellationToken);
            return new EmptyResult(StatusCodes.Status204NoContent);
        }, rejectBody: true);

    [Function(nameof(DeactivateImage))]
    public Task<IResult> DeactivateImage(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.DeactivateImage)] HttpRequest request,
        string imageId,
        CancellationToken cancellationToken) =>
        request.Method != "POST" ? endpoint.MethodNotAllowed(request, RouteVerbs.Post) : endpoint.RunAsync(request, async context =>
        {
            await images.DeactivateAsync(context.Caller, imageId, cancellationToken);
            return new EmptyResult(StatusCodes.Status204NoContent);
        }, rejectBody: true);

    [Function(nameof(ReactivateImage))]
    public Task<IResult> ReactivateImage(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.ReactivateImage)] HttpRequest request,
        string imageId,
        CancellationToken cancellationToken) =>
        request.Method != "POST" ? endpoint.MethodNotAllowed(request, RouteVerbs.Post) : endpoint.RunAsync(request, async context =>
        {
            await images.ReactivateAsync(context.Caller, imageId, cancellationToken);
            return new EmptyResult(StatusCodes.Status204NoContent);
        }, rejectBody: true);
}
