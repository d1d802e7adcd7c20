using Glance.Domain.Application;
using Glance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Functions;

/// <summary>/v2/images/{imageId}/tags/{tag} and /v2/images/{imageId}/actions/{deactivate|reactivate}.</summary>
public sealed class ImageTagsAndActionsFunctions(GlanceEndpoint endpoint, ImageService images)
{
    [Function(nameof(AddImageTag))]
    public Task<IResult> AddImageTag(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v2/images/{imageId}/tags/{tag}")] HttpRequest request,
        string imageId,
        string tag,
        CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            await images.AddTagAsync(context.Caller, imageId, tag, cancellationToken);
            return new EmptyResult(StatusCodes.Status204NoContent);
        }, rejectBody: true);

    [Function(nameof(RemoveImageTag))]
    public Task<IResult> RemoveImageTag(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v2/images/{imageId}/tags/{tag}")] HttpRequest request,
        string imageId,
        string tag,
        CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            await images.RemoveTagAsync(context.Caller, imageId, tag, cancellationToken);
            return new EmptyResult(StatusCodes.Status204NoContent);
        }, rejectBody: true);

    [Function(nameof(DeactivateImage))]
    public Task<IResult> DeactivateImage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v2/images/{imageId}/actions/deactivate")] HttpRequest request,
        string imageId,
        CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            await images.DeactivateAsync(context.Caller, imageId, cancellationToken);
            return new EmptyResult(StatusCodes.Status204NoContent);
        }, rejectBody: true);

    [Function(nameof(ReactivateImage))]
    public Task<IResult> ReactivateImage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v2/images/{imageId}/actions/reactivate")] HttpRequest request,
        string imageId,
        CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            await images.ReactivateAsync(context.Caller, imageId, cancellationToken);
            return new EmptyResult(StatusCodes.Status204NoContent);
        }, rejectBody: true);
}
