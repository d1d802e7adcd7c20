using System.Text.Json;
using Glance.Domain.Application;
using Glance.Functions.Http;
using Glance.Functions.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Functions;

/// <summary>Interoperable import: /v2/images/{imageId}/stage, /v2/images/{imageId}/import, /v2/info/import.</summary>
public sealed class ImageImportFunctions(GlanceEndpoint endpoint, ImageImportService imports)
{
    [Function(nameof(ImageStage))]
    public Task<IResult> ImageStage(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.ImageStage)] HttpRequest request,
        string imageId,
        CancellationToken cancellationToken) =>
        request.Method != "PUT" ? endpoint.MethodNotAllowed(request, RouteVerbs.Put) : endpoint.RunAsync(request, async context =>
        {
            OctetStream.Ensure(request);
            endpoint.EnsureImageBodyWithinLimit(request);
            await imports.StageAsync(context.Caller, imageId, request.Body, UploadExpectationsParser.FromHeaders(request.Headers), cancellationToken);
            return new EmptyResult(StatusCodes.Status204NoContent);
        });

    [Function(nameof(ImageImport))]
    public Task<IResult> ImageImport(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.ImageImport)] HttpRequest request,
        string imageId,
        CancellationToken cancellationToken) =>
        request.Method != "POST" ? endpoint.MethodNotAllowed(request, RouteVerbs.Post) : endpoint.RunAsync(request, async context =>
        {
            using var body = await endpoint.ReadJsonAsync(request, context.WorkToken(cancellationToken));
            var import = ImportRequestParser.Parse(body.RootElement, imports.EnabledMethods, StoreHeader.Of(request));
            // Accepted and queued, not run: the import runs in RunImageImport (ImageImportQueueFunctions), so the 202 is
            // immediate and a client that goes away cannot cancel it.
            await imports.AcceptImportAsync(context.Caller, imageId, import, context.RequestId, context.WorkToken(cancellationToken));
            return new EmptyResult(StatusCodes.Status202Accepted);
        }, idempotent: true);

    [Function(nameof(ImportInfo))]
    public Task<IResult> ImportInfo(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.ImportInfo)] HttpRequest request) =>
        request.Method != "GET" ? endpoint.MethodNotAllowed(request, RouteVerbs.Get) : endpoint.RunAsync(request, _ => Task.FromResult<IResult>(new JsonResult(StatusCodes.Status200OK, WriteImportInfo)), rejectBody: true);

    private void WriteImportInfo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("import-methods");
        writer.WriteString("description", "Import methods available.");
        writer.WriteString("type", "array");
        writer.WriteStartArray("value");
        foreach (var method in imports.EnabledMethods)
        {
            writer.WriteStringValue(method);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
