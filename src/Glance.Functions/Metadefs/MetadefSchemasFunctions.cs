using Glance.Domain.Errors;
using Glance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Metadefs;

/// <summary>/v2/schemas/metadefs/{name}: the catalogue's ten schemas, as Zed serves them.</summary>
public sealed class MetadefSchemasFunctions(GlanceEndpoint endpoint)
{
    [Function(nameof(MetadefSchema))]
    public Task<IResult> MetadefSchema(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.MetadefSchema)] HttpRequest request,
        string name) =>
        request.Method != "GET" ? endpoint.MethodNotAllowed(request, RouteVerbs.Get) : endpoint.RunAsync(request, _ =>
        {
            var schema = MetadefSchemas.Find(name) ?? throw GlanceErrors.ResourceNotFound();
            return Task.FromResult<IResult>(Results.Bytes(schema, "application/json"));
        }, rejectBody: true);
}
