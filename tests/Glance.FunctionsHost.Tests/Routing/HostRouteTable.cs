using System.Text.Json.Nodes;
using Glance.FunctionsHost.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Constraints;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.FunctionsHost.Tests.Routing;

/// <summary>
/// Which function the Azure Functions host (v4) gives an HTTP request to, worked out from functions.metadata the way
/// the host does it, so that a test can prove a request reaches the function meant for it.
/// </summary>
/// <remarks>
/// The host's rule, from its source (azure-functions-host, checked 2026-12):
/// <list type="bullet">
/// <item><c>FunctionMetadataManager.LoadFunctionMetadata</c> orders the functions by name with
/// <see cref="StringComparer.OrdinalIgnoreCase"/>;</item>
/// <item><c>WebScriptHostHttpRoutesManager.InitializeHttpFunctionRoutes</c> maps one route per httpTrigger function
/// in that order (template = route prefix + route, or the function name when the route is empty), with an
/// <see cref="HttpMethodRouteConstraint"/> when the trigger lists methods;</item>
/// <item><c>WebJobsRouteBuilder.Build</c> (Microsoft.Azure.WebJobs.Extensions.Http) adds them to a legacy
/// <see cref="RouteCollection"/> in that order, which hands the request to the FIRST route whose template, inline
/// constraints and verb match. There is no precedence between literal and parameter segments: a catch-all whose
/// function name sorts first takes everything after it. (azure-webjobs-sdk-extensions PR #842 proposes sorting by
/// specificity; it is not merged, and this class follows what ships.)</item>
/// </list>
/// This class builds the same ASP.NET Core <see cref="Route"/> objects in the same order and asks the same
/// <see cref="RouteCollection"/>, so templates, inline constraints (<c>{id:regex(...)}</c>, <c>{*path}</c>, optional
/// parameters) and verb matching behave exactly as in the host. A request no route takes gets the host's bare 404;
/// the host also owns <c>/admin/*</c> and <c>/runtime/*</c>, which no function may use.
/// </remarks>
public sealed class HostRouteTable
{
    /// <summary>The data token the host puts the function name in (HttpExtensionConstants.FunctionNameRouteTokenKey).</summary>
    private const string FunctionNameToken = "AZUREWEBJOBS_FUNCTIONNAME";

    /// <summary>The host's route prefix when host.json sets none.</summary>
    public const string DefaultRoutePrefix = "api";

    // What ASP.NET Core routing needs to resolve inline constraints and to log; shared, as it holds no state.
    private static readonly ServiceProvider Services = new ServiceCollection().AddLogging().AddRouting().BuildServiceProvider();

    private readonly RouteCollection _router = new();

    private HostRouteTable(IEnumerable<HostRoute> routes, string routePrefix)
    {
        var constraints = Services.GetRequiredService<IInlineConstraintResolver>();
        RoutePrefix = routePrefix;
        Routes = routes.OrderBy(r => r.FunctionName, StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var route in Routes)
        {
            var routeConstraints = new Dictionary<string, object>();
            if (route.Methods is not null)
            {
                routeConstraints.Add("httpMethod", new HttpMethodRouteConstraint(route.Methods.ToArray()));
            }
            _router.Add(new Route(
                new RouteHandler(_ => Task.CompletedTask),
                route.FunctionName,
                route.Template,
                defaults: new RouteValueDictionary(),
                constraints: routeConstraints,
                dataTokens: new RouteValueDictionary { [FunctionNameToken] = route.FunctionName },
                constraints));
        }
    }

    /// <summary>The routes in the order the host registers (and tries) them.</summary>
    public IReadOnlyList<HostRoute> Routes { get; }

    public string RoutePrefix { get; }

    /// <summary>The routes of the build output's functions.metadata, with the route prefix of its host.json.</summary>
    public static HostRouteTable FromBuildOutput() =>
        FromFunctionsMetadata(FunctionsMetadataFile.Read(FunctionsBuildOutput.FunctionsMetadata), ReadRoutePrefix(FunctionsBuildOutput.HostJson));

    /// <summary>The routes of the httpTrigger functions among <paramref name="functions"/>.</summary>
    public static HostRouteTable FromFunctionsMetadata(IEnumerable<FunctionMetadataEntry> functions, string routePrefix) =>
        FromRoutes(functions
            .Select(f => (Function: f, Trigger: f.Binding("httpTrigger")))
            .Where(x => x.Trigger is not null)
            .Select(x => (x.Function.Name, Route: (string?)x.Trigger!["route"], Methods: x.Trigger!["methods"] is JsonArray methods
                ? (IReadOnlyList<string>?)methods.Select(m => (string)m!).ToList()
                : null)),
            routePrefix);

    /// <summary>Routes given directly: (function name, route as in [HttpTrigger(Route = ...)], methods or null for all).</summary>
    public static HostRouteTable FromRoutes(IEnumerable<(string Name, string? Route, IReadOnlyList<string>? Methods)> functions, string routePrefix) =>
        new(functions.Select(f => new HostRoute(f.Name, Template(routePrefix, string.IsNullOrEmpty(f.Route) ? f.Name : f.Route), f.Methods)), routePrefix);

    /// <summary>The host.json route prefix (extensions.http.routePrefix), <see cref="DefaultRoutePrefix"/> when absent.</summary>
    public static string ReadRoutePrefix(string hostJsonPath) =>
        (string?)JsonNode.Parse(File.ReadAllText(hostJsonPath))?["extensions"]?["http"]?["routePrefix"] ?? DefaultRoutePrefix;

    /// <summary>The function that takes <paramref name="method"/> <paramref name="uri"/>, or null: the host's 404.</summary>
    /// <param name="uri">An absolute URI or a path (query ignored), as the client sends it (percent-encoded).</param>
    public HostRouteMatch? Match(string method, Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?', 2)[0];
        return Match(method, PathString.FromUriComponent(path.StartsWith('/') ? path : "/" + path));
    }

    /// <inheritdoc cref="Match(string, Uri)"/>
    /// <remarks>A path is taken as it is: <see cref="Uri"/> would read <c>//v2/images</c> as a host name.</remarks>
    public HostRouteMatch? Match(string method, string pathAndQuery) => pathAndQuery.StartsWith('/')
        ? Match(method, PathString.FromUriComponent(pathAndQuery.Split('?', 2)[0]))
        : Match(method, new Uri(pathAndQuery, UriKind.RelativeOrAbsolute));

    private HostRouteMatch? Match(string method, PathString path)
    {
        var http = new DefaultHttpContext { RequestServices = Services };
        http.Request.Method = method;
        http.Request.Path = path;
        var context = new RouteContext(http);
        // RouteCollection is asynchronous only in signature here: routes and the handler complete synchronously.
        _router.RouteAsync(context).GetAwaiter().GetResult();
        if (context.Handler is null)
        {
            return null;
        }
        var name = (string)context.RouteData.DataTokens[FunctionNameToken]!;
        var values = context.RouteData.Values
            .Where(v => v.Value is not null)
            .ToDictionary(v => v.Key, v => Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture)!, StringComparer.OrdinalIgnoreCase);
        return new HostRouteMatch(Routes.Single(r => r.FunctionName == name), values);
    }

    private static string Template(string prefix, string route) => string.IsNullOrEmpty(prefix) ? route : prefix + "/" + route;
}
