using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Constraints;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// The Functions host's HTTP routing, applied to the build's functions.metadata: the host maps each HTTP function
/// with ASP.NET Core's legacy <see cref="Route"/> (inline constraints resolved as usual, an <c>httpMethod</c>
/// constraint only when the trigger names verbs), registers them in the order of its function list (by name), and
/// the first route that matches takes the request. Built on the same routing classes, so templates and constraints
/// match as they do there.
/// </summary>
public sealed class HostRouteTable
{
    private readonly IServiceProvider services;
    private readonly IReadOnlyList<(string Name, Route Route)> routes;

    private HostRouteTable(IServiceProvider services, IReadOnlyList<(string Name, Route Route)> routes)
    {
        this.services = services;
        this.routes = routes;
    }

    public IReadOnlyList<string> FunctionNames => routes.Select(r => r.Name).ToList();

    public static HostRouteTable FromFunctionsMetadata(string metadataPath)
    {
        var services = new ServiceCollection().AddRouting().AddLogging().BuildServiceProvider();
        var resolver = services.GetRequiredService<IInlineConstraintResolver>();
        using var document = JsonDocument.Parse(File.ReadAllText(metadataPath));
        var routes = new List<(string, Route)>();
        foreach (var function in document.RootElement.EnumerateArray())
        {
            var name = function.GetProperty("name").GetString()!;
            var trigger = function.GetProperty("bindings").EnumerateArray()
                .FirstOrDefault(b => b.GetProperty("type").GetString() == "httpTrigger");
            if (trigger.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            var constraints = new Dictionary<string, object>();
            if (trigger.TryGetProperty("methods", out var methods) && methods.ValueKind == JsonValueKind.Array)
            {
                constraints["httpMethod"] = new HttpMethodRouteConstraint(methods.EnumerateArray().Select(m => m.GetString()!).ToArray());
            }
            var template = trigger.TryGetProperty("route", out var route) && route.GetString() is { Length: > 0 } r ? r : name;
            routes.Add((name, new Route(new RouteHandler(_ => Task.CompletedTask), name, template, null, constraints, null, resolver)));
        }
        return new HostRouteTable(services, routes.OrderBy(r => r.Item1, StringComparer.OrdinalIgnoreCase).ToList());
    }

    public static HostRouteTable FromBuild() => FromFunctionsMetadata(FunctionsMetadataPath());

    public static string FunctionsMetadataPath()
    {
        var path = typeof(HostRouteTable).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "FunctionsMetadataPath").Value!;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing: the Functions project must be built first.", path);
        }
        return path;
    }

    /// <summary>The function the host hands the request to, with its route values; null for the host's bare 404.</summary>
    public async Task<(string Function, RouteValueDictionary Values)?> ResolveAsync(string method, string path)
    {
        foreach (var (name, route) in routes)
        {
            var context = await RouteAsync(route, method, path);
            if (context.Handler is not null)
            {
                return (name, context.RouteData.Values);
            }
        }
        return null;
    }

    /// <summary>Every function whose route matches, whatever the order: more than one is an ordering hazard.</summary>
    public async Task<IReadOnlyList<string>> AllMatchesAsync(string method, string path)
    {
        var matches = new List<string>();
        foreach (var (name, route) in routes)
        {
            if ((await RouteAsync(route, method, path)).Handler is not null)
            {
                matches.Add(name);
            }
        }
        return matches;
    }

    private async Task<RouteContext> RouteAsync(Route route, string method, string path)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Method = method;
        http.Request.Path = path;
        var context = new RouteContext(http);
        await route.RouteAsync(context);
        return context;
    }
}
