using System.Reflection;
using Glance.Functions;
using Microsoft.Azure.Functions.Worker;

namespace Glance.LocalHost;

/// <summary>
/// The HTTP functions of the Functions app, read from their [Function] and [HttpTrigger] attributes: the same facts
/// the Functions SDK writes into functions.metadata, for the local host to map without the Functions host.
/// </summary>
public static class HttpFunctionCatalog
{
    public static IReadOnlyList<HttpFunction> All { get; } = Discover(typeof(GlanceAppServiceCollectionExtensions).Assembly);

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
}
