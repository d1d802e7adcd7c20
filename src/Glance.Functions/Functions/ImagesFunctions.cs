using Glance.Domain;
using Glance.Domain.Application;
using Glance.Domain.Data;
using Glance.Domain.Listing;
using Glance.Functions.Http;
using Glance.Functions.Representation;
using Glance.Functions.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Functions;

/// <summary>The image resource: /v2/images and /v2/images/{imageId}.</summary>
public sealed class ImagesFunctions(
    GlanceEndpoint endpoint, ImageService images, ImageServiceOptions options, ImageDataOptions dataOptions, ImageLocationService locations)
{
    [Function(nameof(Images))]
    public Task<IResult> Images(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.Images)] HttpRequest request,
        CancellationToken cancellationToken) =>
        request.Method switch
        {
            "GET" => List(request, cancellationToken),
            "POST" => Create(request, cancellationToken),
            _ => endpoint.MethodNotAllowed(request, RouteVerbs.GetPost),
        };

    [Function(nameof(Image))]
    public Task<IResult> Image(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.Image)] HttpRequest request,
        string imageId,
        CancellationToken cancellationToken) =>
        request.Method switch
        {
            "GET" => Show(request, imageId, cancellationToken),
            "PATCH" => Update(request, imageId, cancellationToken),
            "DELETE" => Delete(request, imageId, cancellationToken),
            _ => endpoint.MethodNotAllowed(request, RouteVerbs.GetPatchDelete),
        };

    private Task<IResult> Create(HttpRequest request, CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            using var body = await endpoint.ReadJsonAsync(request, context.WorkToken(cancellationToken));
            var image = await images.CreateAsync(context.Caller, CreateImageParser.Parse(body.RootElement), context.WorkToken(cancellationToken));
            var headers = new Dictionary<string, string> { ["Location"] = context.BaseUrl + ImageRepresentation.SelfLink(image.Id) };
            if (dataOptions.EnabledImportMethods.Length > 0)
            {
                headers["OpenStack-image-import-methods"] = string.Join(",", dataOptions.EnabledImportMethods);
            }
            if (dataOptions.Stores.IsMultistore)
            {
                headers["OpenStack-image-store-ids"] = string.Join(",", dataOptions.Stores.Ids);
            }
            return new JsonResult(StatusCodes.Status201Created, w => ImageRepresentation.Write(w, image, ImageLocationFields.For(locations, context.Caller)), headers);
        }, idempotent: true);

    private Task<IResult> List(HttpRequest request, CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            var parameters = QueryParameters.Of(request);
            var page = await images.ListAsync(context.Caller, ImageListQueryParser.Parse(parameters, options), cancellationToken);
            return new JsonResult(StatusCodes.Status200OK, w => ImageListRepresentation.Write(w, page, parameters, ImageLocationFields.For(locations, context.Caller)));
        }, rejectBody: true);

    private Task<IResult> Show(HttpRequest request, string imageId, CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            var image = await images.GetAsync(context.Caller, imageId, cancellationToken);
            return new JsonResult(StatusCodes.Status200OK, w => ImageRepresentation.Write(w, image, ImageLocationFields.For(locations, context.Caller)));
        }, rejectBody: true);

    private Task<IResult> Update(HttpRequest request, string imageId, CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            var version = JsonPatchParser.ParseMediaType(request.ContentType);
            using var body = await endpoint.ReadJsonAsync(request, cancellationToken);
            var operations = JsonPatchParser.Parse(body.RootElement, version);
            var image = await images.UpdateAsync(context.Caller, imageId, operations, version, cancellationToken);
            return new JsonResult(StatusCodes.Status200OK, w => ImageRepresentation.Write(w, image, ImageLocationFields.For(locations, context.Caller)));
        });

    private Task<IResult> Delete(HttpRequest request, string imageId, CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            await images.DeleteAsync(context.Caller, imageId, cancellationToken);
            return new EmptyResult(StatusCodes.Status204NoContent);
        }, rejectBody: true);
}
