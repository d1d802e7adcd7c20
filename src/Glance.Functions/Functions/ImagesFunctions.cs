using Glance.Domain;
using Glance.Domain.Application;
using Glance.Domain.Data;
using Glance.Domain.Errors;
using Glance.Domain.Listing;
using Glance.Domain.Patching;
using Glance.Domain.Representation;
using Glance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Functions;

/// <summary>The image resource: /v2/images and /v2/images/{imageId}.</summary>
public sealed class ImagesFunctions(GlanceEndpoint endpoint, ImageService images, ImageServiceOptions options, ImageDataOptions dataOptions)
{
    [Function(nameof(CreateImage))]
    public Task<IResult> CreateImage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v2/images")] HttpRequest request,
        CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            using var body = await endpoint.ReadJsonAsync(request, cancellationToken);
            var image = await images.CreateAsync(context.Caller, body.RootElement, cancellationToken);
            var headers = new Dictionary<string, string> { ["Location"] = context.BaseUrl + ImageRepresentation.SelfLink(image.Id) };
            if (dataOptions.EnabledImportMethods.Length > 0)
            {
                headers["OpenStack-image-import-methods"] = string.Join(",", dataOptions.EnabledImportMethods);
            }
            return new JsonResult(StatusCodes.Status201Created, w => ImageRepresentation.Write(w, image), headers);
        });

    [Function(nameof(ListImages))]
    public Task<IResult> ListImages(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v2/images")] HttpRequest request,
        CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            var query = ImageListQueryParser.Parse(QueryParameters.Of(request), options);
            var page = await images.ListAsync(context.Caller, query, cancellationToken);
            return new JsonResult(StatusCodes.Status200OK, w => ImageListRepresentation.Write(w, page, query));
        }, rejectBody: true);

    [Function(nameof(ShowImage))]
    public Task<IResult> ShowImage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v2/images/{imageId}")] HttpRequest request,
        string imageId,
        CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            var image = await images.GetAsync(context.Caller, imageId, cancellationToken);
            return new JsonResult(StatusCodes.Status200OK, w => ImageRepresentation.Write(w, image));
        }, rejectBody: true);

    [Function(nameof(UpdateImage))]
    public Task<IResult> UpdateImage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "v2/images/{imageId}")] HttpRequest request,
        string imageId,
        CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            PatchMediaVersion version;
            try
            {
                version = JsonPatchParser.ParseMediaType(request.ContentType);
            }
            catch (GlanceException e) when (e.Kind == GlanceErrorKind.UnsupportedMediaType)
            {
                return GlanceEndpoint.Error(e, new Dictionary<string, string> { ["Accept-Patch"] = PatchMediaTypes.AcceptPatch });
            }
            using var body = await endpoint.ReadJsonAsync(request, cancellationToken);
            var operations = JsonPatchParser.Parse(body.RootElement, version);
            var image = await images.UpdateAsync(context.Caller, imageId, operations, version, cancellationToken);
            return new JsonResult(StatusCodes.Status200OK, w => ImageRepresentation.Write(w, image));
        });

    [Function(nameof(DeleteImage))]
    public Task<IResult> DeleteImage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v2/images/{imageId}")] HttpRequest request,
        string imageId,
        CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            await images.DeleteAsync(context.Caller, imageId, cancellationToken);
            return new EmptyResult(StatusCodes.Status204NoContent);
        }, rejectBody: true);
}
