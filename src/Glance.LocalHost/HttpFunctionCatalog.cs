using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Glance.LocalHost;

/// <summary>One HTTP function: its name, route template, verbs and the method that implements it.</summary>
public sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods, MethodInfo Method);

/// <summary>
/// The HTTP functions of this app, read from their [Function] and [HttpTrigger] attributes: the same facts the
/// Functions SDK writes into functions.metadata, which the local host maps. It lives here, not in the app, because
/// only a host that does not read functions.metadata needs it.
/// </summary>
public static class HttpFunctionCatalog
{
    public static IReadOnlyList<HttpFunction> All { get; } = Discover(typeof(Glance.Functions.GlanceAppServiceCollectionExtensions).Assembly);

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
                x.Method))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
}
