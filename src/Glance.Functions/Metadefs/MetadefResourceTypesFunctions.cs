using Glance.Domain.Metadefs;
using Glance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Metadefs;

/// <summary>
/// Resource types and a namespace's associations: /v2/metadefs/resource_types,
/// /v2/metadefs/namespaces/{namespaceName}/resource_types[/{resourceType}].
/// </summary>
public sealed class MetadefResourceTypesFunctions(GlanceEndpoint endpoint, MetadefResourceTypeService resourceTypes)
{
    [Function(nameof(MetadefResourceTypes))]
    public Task<IResult> MetadefResourceTypes(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.MetadefResourceTypes)] HttpRequest request,
        CancellationToken cancellationToken) =>
        request.Method != "GET" ? endpoint.MethodNotAllowed(request, RouteVerbs.Get) : endpoint.RunAsync(request, async context =>
        {
            var found = await resourceTypes.ListAsync(context.Caller, cancellationToken);
            return new JsonResult(StatusCodes.Status200OK, w => ResourceTypeRepresentation.WriteList(w, found));
        }, rejectBody: true);

    [Function(nameof(MetadefAssociations))]
    public Task<IResult> MetadefAssociations(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.MetadefAssociations)] HttpRequest request,
        string namespaceName,
        CancellationToken cancellationToken) =>
        request.Method switch
        {
            "GET" => endpoint.RunAsync(request, async context =>
            {
                var found = await resourceTypes.ListAssociationsAsync(context.Caller, namespaceName, cancellationToken);
                return new JsonResult(StatusCodes.Status200OK, w => ResourceTypeRepresentation.WriteAssociations(w, found));
            }, rejectBody: true),
            "POST" => endpoint.RunAsync(request, async context =>
            {
                using var body = await endpoint.ReadJsonAsync(request, cancellationToken);
                var created = await resourceTypes.AssociateAsync(context.Caller, namespaceName, ResourceTypeRequestParser.Parse(body.RootElement), cancellationToken);
                return new JsonResult(StatusCodes.Status201Created, w => ResourceTypeRepresentation.Write(w, created));
            }),
            _ => endpoint.MethodNotAllowed(request, RouteVerbs.GetPost),
        };

    [Function(nameof(MetadefAssociation))]
    public Task<IResult> MetadefAssociation(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.MetadefAssociation)] HttpRequest request,
        string namespaceName,
        string resourceType,
        CancellationToken cancellationToken) =>
        request.Method != "DELETE" ? endpoint.MethodNotAllowed(request, RouteVerbs.Delete) : endpoint.RunAsync(request, async context =>
        {
            await resourceTypes.DissociateAsync(context.Caller, namespaceName, resourceType, cancellationToken);
            return new EmptyResult(StatusCodes.Status204NoContent);
        }, rejectBody: true);
}
