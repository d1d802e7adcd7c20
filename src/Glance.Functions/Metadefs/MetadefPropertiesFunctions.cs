using Glance.Domain.Metadefs;
using Glance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Metadefs;

/// <summary>A namespace's property definitions: /v2/metadefs/namespaces/{namespaceName}/properties[/{propertyName}].</summary>
public sealed class MetadefPropertiesFunctions(GlanceEndpoint endpoint, MetadefPropertyService properties)
{
    [Function(nameof(MetadefProperties))]
    public Task<IResult> MetadefProperties(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.MetadefProperties)] HttpRequest request,
        string namespaceName,
        CancellationToken cancellationToken) =>
        request.Method switch
        {
            // Glance's router rejects a body here, and on a single object's or tag's GET and DELETE, nowhere else.
            "GET" => endpoint.RunAsync(request, async context =>
            {
                var found = await properties.ListAsync(context.Caller, namespaceName, cancellationToken);
                return new JsonResult(StatusCodes.Status200OK, w => PropertyRepresentation.WriteList(w, found));
            }, rejectBody: true),
            "POST" => endpoint.RunAsync(request, async context =>
            {
                using var body = await endpoint.ReadJsonAsync(request, cancellationToken);
                var created = await properties.CreateAsync(context.Caller, namespaceName, PropertyRequestParser.Parse(body.RootElement), cancellationToken);
                return new JsonResult(StatusCodes.Status201Created, w => PropertyRepresentation.Write(w, created));
            }),
            "DELETE" => endpoint.RunAsync(request, async context =>
            {
                await properties.DeleteAllAsync(context.Caller, namespaceName, cancellationToken);
                return new EmptyResult(StatusCodes.Status204NoContent);
            }),
            _ => endpoint.MethodNotAllowed(request, RouteVerbs.GetPostDelete),
        };

    [Function(nameof(MetadefProperty))]
    public Task<IResult> MetadefProperty(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.MetadefProperty)] HttpRequest request,
        string namespaceName,
        string propertyName,
        CancellationToken cancellationToken) =>
        request.Method switch
        {
            "GET" => endpoint.RunAsync(request, async context =>
            {
                var resourceType = QueryParameters.Of(request).LastOrDefault(p => p.Key == "resource_type").Value;
                var found = await properties.GetAsync(context.Caller, namespaceName, propertyName, resourceType, cancellationToken);
                return new JsonResult(StatusCodes.Status200OK, w => PropertyRepresentation.Write(w, found));
            }),
            "PUT" => endpoint.RunAsync(request, async context =>
            {
                using var body = await endpoint.ReadJsonAsync(request, cancellationToken);
                var replaced = await properties.ReplaceAsync(context.Caller, namespaceName, propertyName, PropertyRequestParser.Parse(body.RootElement), cancellationToken);
                return new JsonResult(StatusCodes.Status200OK, w => PropertyRepresentation.Write(w, replaced));
            }),
            "DELETE" => endpoint.RunAsync(request, async context =>
            {
                await properties.DeleteAsync(context.Caller, namespaceName, propertyName, cancellationToken);
                return new EmptyResult(StatusCodes.Status204NoContent);
            }),
            _ => endpoint.MethodNotAllowed(request, RouteVerbs.GetPutDelete),
        };
}
