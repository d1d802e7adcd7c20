using System.Collections.Concurrent;
using Glance.Domain.Errors;
using Glance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Functions;

/// <summary>/v2/schemas/{name}: the JSON schemas clients download to build and validate requests.</summary>
public sealed class SchemasFunctions(GlanceEndpoint endpoint)
{
    private static readonly ConcurrentDictionary<string, byte[]?> Cache = new(StringComparer.Ordinal);

    [Function(nameof(Schema))]
    public Task<IResult> Schema(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.Schema)] HttpRequest request,
        string name) =>
        request.Method != "GET" ? endpoint.MethodNotAllowed(request, RouteVerbs.Get) : endpoint.RunAsync(request, _ =>
        {
            var schema = Cache.GetOrAdd(name, Load) ?? throw GlanceErrors.ResourceNotFound();
            return Task.FromResult<IResult>(Results.Bytes(schema, "application/json"));
        }, rejectBody: true);

    private static byte[]? Load(string name)
    {
        if (!name.All(char.IsAsciiLetterLower))
        {
            return null;
        }
        using var stream = typeof(SchemasFunctions).Assembly.GetManifestResourceStream($"Glance.Schemas.{name}.json");
        if (stream is null)
        {
            return null;
        }
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
