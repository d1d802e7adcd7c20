using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Http;

/// <summary>
/// The HTTP functions of this app, read from their [Function] and [HttpTrigger] attributes: the same facts the
/// Functions SDK writes into functions.metadata. The local host maps them; the fallback looks a path up in them when
/// Glance reads it as a route the host's router does not match (runs of slashes, which Glance takes as one).
/// </summary>
public static class HttpFunctionCatalog
{
    public static IReadOnlyList<HttpFunction> All { get; } = Discover(typeof(HttpFunctionCatalog).Assembly);

    // Every route but the fallback's catch-all, as ASP.NET Core templates match paths (letter case and a trailing
    // slash ignored; inline constraints are not checked here).
    private static readonly IReadOnlyList<(HttpFunction Function, TemplateMatcher Matcher)> Matchers = All
        .Where(f => !f.Route.Contains("{*", StringComparison.Ordinal))
        .Select(f => (f, new TemplateMatcher(TemplateParser.Parse(f.Route), new RouteValueDictionary())))
        .ToList();

    public static IReadOnlyList<HttpFunction> Discover(Assembly assembly) =>
        assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>(),
                Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.Function is not null && x.Trigger is not null)
            .Select(x => new HttpFunction(
                x.Function!.Name,
                x.Trigger!.Route ?? x.Function.Name,
                (x.Trigger.Methods ?? []).Select(v => v.ToUpperInvariant()).ToArray(),
                x.Method).EnsureBindable())
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>The function whose route template takes <paramref name="path"/>, with its route values; the fallback never.</summary>
    public static (HttpFunction Function, RouteValueDictionary Values)? Match(string path)
    {
        foreach (var (function, matcher) in Matchers)
        {
            var values = new RouteValueDictionary();
            if (matcher.TryMatch(new PathString(path), values))
            {
                return (function, values);
            }
        }
        return null;
    }
}
