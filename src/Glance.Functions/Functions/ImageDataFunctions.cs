using Glance.Domain.Application;
using Glance.Domain.Data;
using Glance.Functions.Http;
using Glance.Functions.Representation;
using Glance.Functions.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Functions;

/// <summary>Image bytes: /v2/images/{imageId}/file, upload-url and download-url.</summary>
public sealed class ImageDataFunctions(GlanceEndpoint endpoint, ImageDataService data)
{
    [Function(nameof(ImageFile))]
    public Task<IResult> ImageFile(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.ImageFile)] HttpRequest request,
        string imageId,
        CancellationToken cancellationToken) =>
        request.Method switch
        {
            "GET" => Download(request, imageId, cancellationToken),
            "PUT" => Upload(request, imageId, cancellationToken),
            _ => endpoint.MethodNotAllowed(request, RouteVerbs.GetPut),
        };

    private Task<IResult> Upload(HttpRequest request, string imageId, CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            OctetStream.Ensure(request);
            endpoint.EnsureImageBodyWithinLimit(request);
            await data.UploadAsync(
                context.Caller, imageId, request.Body, UploadExpectationsParser.FromHeaders(request.Headers), StoreHeader.Of(request), cancellationToken);
            return new EmptyResult(StatusCodes.Status204NoContent);
        });

    private Task<IResult> Download(HttpRequest request, string imageId, CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            var image = await data.GetDownloadableAsync(context.Caller, imageId, cancellationToken);
            if (image is null)
            {
                return new EmptyResult(StatusCodes.Status204NoContent);
            }
            var size = image.Size!.Value;
            var range = ByteRange.Parse(request.Headers.Range.ToString(), request.Headers.ContentRange.ToString(), size);
            var headers = new Dictionary<string, string>();
            if (image.Checksum is not null)
            {
                // Glance sends the MD5 as hex, not base64 as RFC 1864 says; clients expect Glance's form.
                headers["Content-MD5"] = image.Checksum;
            }
            var (offset, length) = range is null ? (0L, size) : (range.Offset, range.Length);
            // Storage refuses any range of an empty blob; an empty image needs no read.
            var content = length == 0 ? Stream.Null : await data.OpenReadAsync(image, offset, length, cancellationToken);
            Func<long, Task> reportSend = sent => data.RecordDownloadAsync(context.Caller, image, sent, length);
            if (range is null)
            {
                return new StreamResult(StatusCodes.Status200OK, content, length, headers, reportSend);
            }
            headers["Content-Range"] = $"bytes {range.Offset}-{range.Last}/{size}";
            return new StreamResult(StatusCodes.Status206PartialContent, content, length, headers, reportSend);
        }, rejectBody: true);

    [Function(nameof(ImageUploadUrl))]
    public Task<IResult> ImageUploadUrl(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.ImageUploadUrl)] HttpRequest request,
        string imageId,
        CancellationToken cancellationToken) =>
        request.Method != "POST" ? endpoint.MethodNotAllowed(request, RouteVerbs.Post) : endpoint.RunAsync(request, async context =>
        {
            var expectations = UploadExpectations.None;
            if (RequestBodies.HasBody(request))
            {
                using var body = await endpoint.ReadJsonAsync(request, context.WorkToken(cancellationToken));
                expectations = UploadExpectationsParser.Parse(body.RootElement);
            }
            var (url, expiresAt) = await data.IssueUploadUrlAsync(
                context.Caller, imageId, expectations, StoreHeader.Of(request), context.WorkToken(cancellationToken));
            return new JsonResult(StatusCodes.Status201Created, w => DataUrlRepresentation.Write(w, url, expiresAt, upload: true));
        }, idempotent: true);

    [Function(nameof(ImageDownloadUrl))]
    public Task<IResult> ImageDownloadUrl(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.ImageDownloadUrl)] HttpRequest request,
        string imageId,
        CancellationToken cancellationToken) =>
        request.Method != "POST" ? endpoint.MethodNotAllowed(request, RouteVerbs.Post) : endpoint.RunAsync(request, async context =>
        {
            var (url, expiresAt) = await data.IssueDownloadUrlAsync(context.Caller, imageId, cancellationToken);
            return new JsonResult(StatusCodes.Status201Created, w => DataUrlRepresentation.Write(w, url, expiresAt, upload: false));
        }, rejectBody: true);
}
