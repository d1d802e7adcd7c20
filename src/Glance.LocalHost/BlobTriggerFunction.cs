using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Glance.LocalHost;

/// <summary>A [BlobTrigger] function of the Functions app: its name, the container it watches and its method.</summary>
public sealed record BlobTriggerFunction(string Name, string Path, string Container, MethodInfo Method)
{
    public static IReadOnlyList<BlobTriggerFunction> Discover(Assembly assembly) =>
        assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>(),
                Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<BlobTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.Function is not null && x.Trigger is not null)
            .Select(x => new BlobTriggerFunction(x.Function!.Name, x.Trigger!.BlobPath, x.Trigger.BlobPath.Split('/')[0], x.Method))
            .ToList();
}
