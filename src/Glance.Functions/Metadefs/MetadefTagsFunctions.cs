using Glance.Domain.Metadefs;
using Glance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Metadefs;

/// <summary>A namespace's tags: /v2/metadefs/namespaces/{namespaceName}/tags[/{tagName}].</summary>
public sealed class MetadefTagsFunctions(GlanceEndpoint endpoint, MetadefTagService tags)
{
    [Function(nameof(MetadefTags))]
    public Task<IResult> MetadefTags(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.MetadefTags)] HttpRequest request,
        string namespaceName,
        CancellationToken cancellationToken) =>
        request.Method switch
        {
            "GET" => endpoint.RunAsync(request, async context =>
            {
                var found = await tags.ListAsync(context.Caller, namespaceName, ChildListQueryParser.Parse(QueryParameters.Of(request)), cancellationToken);
                return new JsonResult(StatusCodes.Status200OK, w => TagRepresentation.WriteNames(w, found));
            }),
            "POST" => endpoint.RunAsync(request, async context =>
            {
                using var body = await endpoint.ReadJsonAsync(request, cancellationToken);
                var append = TagRequestParser.Append(request.Headers["X-Openstack-Append"].LastOrDefault());
                var created = await tags.CreateManyAsync(context.Caller, namespaceName, TagRequestParser.Many(body.RootElement), append, cancellationToken);
                return new JsonResult(StatusCodes.Status201Created, w => TagRepresentation.WriteNames(w, created));
            }),
            "DELETE" => endpoint.RunAsync(request, async context =>
            {
                await tags.DeleteAllAsync(context.Caller, namespaceName, cancellationToken);
                return new EmptyResult(StatusCodes.Status204NoContent);
            }),
            _ => endpoint.MethodNotAllowed(request, RouteVerbs.GetPostDelete),
        };

    [Function(nameof(MetadefTag))]
    public Task<IResult> MetadefTag(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.MetadefTag)] HttpRequest request,
        string namespaceName,
        string tagName,
        CancellationToken cancellationToken) =>
        request.Method switch
        {
            "GET" => endpoint.RunAsync(request, async context =>
            {
                var tag = await tags.GetAsync(context.Caller, namespaceName, tagName, cancellationToken);
                return new JsonResult(StatusCodes.Status200OK, w => TagRepresentation.Write(w, tag));
            }, rejectBody: true),
            "POST" => endpoint.RunAsync(request, async context =>
            {
                var tag = await tags.CreateAsync(context.Caller, namespaceName, TagRequestParser.Name(tagName), cancellationToken);
                return new JsonResult(StatusCodes.Status201Created, w => TagRepresentation.Write(w, tag));
            }, rejectBody: true),
            "PUT" => endpoint.RunAsync(request, async context =>
            {
                using var body = await endpoint.ReadJsonAsync(request, cancellationToken);
                var tag = await tags.RenameAsync(context.Caller, namespaceName, tagName, TagRequestParser.Rename(body.RootElement), cancellationToken);
                return new JsonResult(StatusCodes.Status200OK, w => TagRepresentation.Write(w, tag));
            }),
            "DELETE" => endpoint.RunAsync(request, async context =>
            {
                await tags.DeleteAsync(context.Caller, namespaceName, tagName, cancellationToken);
                return new EmptyResult(StatusCodes.Status204NoContent);
            }, rejectBody: true),
            _ => endpoint.MethodNotAllowed(request, RouteVerbs.GetPostPutDelete),
        };
}
