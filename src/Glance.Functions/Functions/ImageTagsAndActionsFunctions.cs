using Glance.Domain.Application;
using Glance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Functions;

/// <summary>
/// /v2/images/{imageId}/tags/{tag} and /v2/images/{imageId}/actions/{deactivate|reactivate|restore} (restore is ours,
/// shaped as Glance's actions: POST without a body, 204).
/// </summary>
public sealed class ImageTagsAndActionsFunctions(GlanceEndpoint endpoint, ImageService images, ImageRestoration restoration)
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
        Action(request, context => images.DeactivateAsync(context.Caller, imageId, cancellationToken));

    [Function(nameof(ReactivateImage))]
    public Task<IResult> ReactivateImage(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.ReactivateImage)] HttpRequest request,
        string imageId,
        CancellationToken cancellationToken) =>
        Action(request, context => images.ReactivateAsync(context.Caller, imageId, cancellationToken));

    [Function(nameof(RestoreImage))]
    public Task<IResult> RestoreImage(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.RestoreImage)] HttpRequest request,
        string imageId,
        CancellationToken cancellationToken) =>
        Action(request, context => restoration.RestoreAsync(context.Caller, imageId, cancellationToken));

    /// <summary>An image action as Glance serves one: POST only, no body, 204.</summary>
    private Task<IResult> Action(HttpRequest request, Func<RequestContext, Task> act) =>
        request.Method != "POST" ? endpoint.MethodNotAllowed(request, RouteVerbs.Post) : endpoint.RunAsync(request, async context =>
        {
            await act(context);
            return new EmptyResult(StatusCodes.Status204NoContent);
        }, rejectBody: true);
}
