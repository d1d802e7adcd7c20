using System.Text.Json;
using Glance.Domain.Application;
using Glance.Domain.Data;
using Glance.Domain.Errors;
using Glance.Domain.Policy;
using Glance.Domain.Stores;
using Glance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Functions;

/// <summary>
/// Multistore: <c>/v2/info/stores</c> (2.8), <c>/v2/info/stores/detail</c> (2.13) and
/// <c>DELETE /v2/stores/{storeId}/{imageId}</c> (2.10). Without configured stores Glance answers all three 404.
/// </summary>
public sealed class StoresFunctions(GlanceEndpoint endpoint, ImageDataService data, ImageDataOptions options, ImagePolicy policy)
{
    [Function(nameof(StoresInfo))]
    public Task<IResult> StoresInfo(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.StoresInfo)] HttpRequest request) =>
        request.Method != "GET" ? endpoint.MethodNotAllowed(request, RouteVerbs.Get) : endpoint.RunAsync(request, _ =>
            Task.FromResult<IResult>(new JsonResult(StatusCodes.Status200OK, w => Write(w, Catalog(), detail: false))), rejectBody: true);

    [Function(nameof(StoresInfoDetail))]
    public Task<IResult> StoresInfoDetail(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.StoresInfoDetail)] HttpRequest request) =>
        request.Method != "GET" ? endpoint.MethodNotAllowed(request, RouteVerbs.Get) : endpoint.RunAsync(request, context =>
        {
            var catalog = Catalog();
            policy.EnforceForProject(ImagePolicyDefaults.StoresInfoDetail, context.Caller);
            return Task.FromResult<IResult>(new JsonResult(StatusCodes.Status200OK, w => Write(w, catalog, detail: true)));
        }, rejectBody: true);

    [Function(nameof(ImageInStore))]
    public Task<IResult> ImageInStore(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.ImageInStore)] HttpRequest request,
        string storeId,
        string imageId,
        CancellationToken cancellationToken) =>
        request.Method != "DELETE" ? endpoint.MethodNotAllowed(request, RouteVerbs.Delete) : endpoint.RunAsync(request, async context =>
        {
            await data.DeleteFromStoreAsync(context.Caller, storeId, imageId, cancellationToken);
            return new EmptyResult(StatusCodes.Status204NoContent);
        }, rejectBody: true);

    private ImageStoreCatalog Catalog() =>
        options.Stores.IsMultistore ? options.Stores : throw GlanceErrors.MultistoreNotEnabled();

    /// <summary>Glance's discovery answer: id, description when set, default "true" on the default; the detail adds type, weight and properties.</summary>
    private static void Write(Utf8JsonWriter writer, ImageStoreCatalog catalog, bool detail)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("stores");
        foreach (var store in catalog.Stores)
        {
            writer.WriteStartObject();
            writer.WriteString("id", store.Id);
            if (!string.IsNullOrEmpty(store.Description))
            {
                writer.WriteString("description", store.Description);
            }
            if (store.Id == catalog.DefaultId)
            {
                writer.WriteString("default", "true");
            }
            if (detail)
            {
                writer.WriteString("type", store.Type);
                writer.WriteNumber("weight", store.Weight);
                writer.WriteStartObject("properties");
                foreach (var (key, value) in store.Properties)
                {
                    writer.WriteString(key, value);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
