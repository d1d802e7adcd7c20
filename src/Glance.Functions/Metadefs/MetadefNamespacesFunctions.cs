using Glance.Domain;
using Glance.Domain.Metadefs;
using Glance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Metadefs;

/// <summary>The metadefs catalogue's namespaces: /v2/metadefs/namespaces[/{namespaceName}].</summary>
public sealed class MetadefNamespacesFunctions(GlanceEndpoint endpoint, MetadefNamespaceService namespaces, ImageServiceOptions options)
{
    [Function(nameof(MetadefNamespaces))]
    public Task<IResult> MetadefNamespaces(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.MetadefNamespaces)] HttpRequest request,
        CancellationToken cancellationToken) =>
        request.Method switch
        {
            "GET" => List(request, cancellationToken),
            "POST" => Create(request, cancellationToken),
            _ => endpoint.MethodNotAllowed(request, RouteVerbs.GetPost),
        };

    [Function(nameof(MetadefNamespace))]
    public Task<IResult> MetadefNamespace(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.MetadefNamespace)] HttpRequest request,
        string namespaceName,
        CancellationToken cancellationToken) =>
        request.Method switch
        {
            "GET" => Show(request, namespaceName, cancellationToken),
            "PUT" => Replace(request, namespaceName, cancellationToken),
            "DELETE" => Delete(request, namespaceName, cancellationToken),
            _ => endpoint.MethodNotAllowed(request, RouteVerbs.GetPutDelete),
        };

    private Task<IResult> List(HttpRequest request, CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            var parameters = QueryParameters.Of(request);
            var page = await namespaces.ListAsync(context.Caller, NamespaceListQueryParser.Parse(parameters, options), cancellationToken);
            return new JsonResult(StatusCodes.Status200OK, w => NamespaceRepresentation.WriteList(w, page, parameters));
        });

    private Task<IResult> Create(HttpRequest request, CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            using var body = await endpoint.ReadJsonAsync(request, cancellationToken);
            var created = await namespaces.CreateAsync(context.Caller, NamespaceRequestParser.Create(body.RootElement), cancellationToken);
            var headers = new Dictionary<string, string> { ["Location"] = context.BaseUrl + NamespaceRepresentation.SelfLink(created.Namespace.Name) };
            return new JsonResult(StatusCodes.Status201Created, w => NamespaceRepresentation.Write(w, created, created: true), headers);
        });

    private Task<IResult> Show(HttpRequest request, string name, CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            var detail = await namespaces.GetAsync(context.Caller, name, cancellationToken);
            // ?resource_type=: the properties as that resource type names them (with its association's prefix).
            var resourceType = QueryParameters.Of(request).LastOrDefault(p => p.Key == "resource_type").Value;
            var prefix = string.IsNullOrEmpty(resourceType) ? null : detail.Associations.FirstOrDefault(a => a.Name == resourceType)?.Prefix;
            return new JsonResult(StatusCodes.Status200OK, w => NamespaceRepresentation.Write(w, detail, prefix: prefix));
        }, rejectBody: true);

    private Task<IResult> Replace(HttpRequest request, string name, CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            using var body = await endpoint.ReadJsonAsync(request, cancellationToken);
            var replaced = await namespaces.ReplaceAsync(context.Caller, name, NamespaceRequestParser.Replace(body.RootElement), cancellationToken);
            return new JsonResult(StatusCodes.Status200OK, w => NamespaceRepresentation.Write(w, replaced with { Associations = [] }));
        });

    private Task<IResult> Delete(HttpRequest request, string name, CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            await namespaces.DeleteAsync(context.Caller, name, cancellationToken);
            return new EmptyResult(StatusCodes.Status204NoContent);
        }, rejectBody: true);
}
