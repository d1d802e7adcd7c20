using Glance.Domain.Metadefs;
using Glance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Metadefs;

/// <summary>A namespace's objects: /v2/metadefs/namespaces/{namespaceName}/objects[/{objectName}].</summary>
public sealed class MetadefObjectsFunctions(GlanceEndpoint endpoint, MetadefObjectService objects)
{
    [Function(nameof(MetadefObjects))]
    public Task<IResult> MetadefObjects(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.MetadefObjects)] HttpRequest request,
        string namespaceName,
        CancellationToken cancellationToken) =>
        request.Method switch
        {
            "GET" => endpoint.RunAsync(request, async context =>
            {
                // Zed checks the query, then lists every object whatever it asked.
                ChildListQueryParser.ParseForObjects(QueryParameters.Of(request));
                var found = await objects.ListAsync(context.Caller, namespaceName, cancellationToken);
                return new JsonResult(StatusCodes.Status200OK, w => ObjectRepresentation.WriteList(w, namespaceName, found));
            }),
            "POST" => endpoint.RunAsync(request, async context =>
            {
                using var body = await endpoint.ReadJsonAsync(request, cancellationToken);
                var created = await objects.CreateAsync(context.Caller, namespaceName, ObjectRequestParser.Parse(body.RootElement), cancellationToken);
                var echo = ObjectRequestParser.Echo(body.RootElement);
                return new JsonResult(StatusCodes.Status201Created, w => ObjectRepresentation.Write(w, namespaceName, created, echo: echo));
            }),
            "DELETE" => endpoint.RunAsync(request, async context =>
            {
                await objects.DeleteAllAsync(context.Caller, namespaceName, cancellationToken);
                return new EmptyResult(StatusCodes.Status204NoContent);
            }),
            _ => endpoint.MethodNotAllowed(request, RouteVerbs.GetPostDelete),
        };

    [Function(nameof(MetadefObject))]
    public Task<IResult> MetadefObject(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.MetadefObject)] HttpRequest request,
        string namespaceName,
        string objectName,
        CancellationToken cancellationToken) =>
        request.Method switch
        {
            "GET" => endpoint.RunAsync(request, async context =>
            {
                var found = await objects.GetAsync(context.Caller, namespaceName, objectName, cancellationToken);
                return new JsonResult(StatusCodes.Status200OK, w => ObjectRepresentation.Write(w, namespaceName, found));
            }, rejectBody: true),
            "PUT" => endpoint.RunAsync(request, async context =>
            {
                using var body = await endpoint.ReadJsonAsync(request, cancellationToken);
                var replaced = await objects.ReplaceAsync(context.Caller, namespaceName, objectName, ObjectRequestParser.Parse(body.RootElement), cancellationToken);
                var echo = ObjectRequestParser.Echo(body.RootElement);
                return new JsonResult(StatusCodes.Status200OK, w => ObjectRepresentation.Write(w, namespaceName, replaced, echo: echo));
            }),
            "DELETE" => endpoint.RunAsync(request, async context =>
            {
                await objects.DeleteAsync(context.Caller, namespaceName, objectName, cancellationToken);
                return new EmptyResult(StatusCodes.Status204NoContent);
            }, rejectBody: true),
            _ => endpoint.MethodNotAllowed(request, RouteVerbs.GetPutDelete),
        };
}
