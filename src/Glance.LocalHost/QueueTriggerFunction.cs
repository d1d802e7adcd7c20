using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Glance.LocalHost;

/// <summary>A [QueueTrigger] function of the Functions app: its name, the queue it reads and its method.</summary>
public sealed record QueueTriggerFunction(string Name, string Queue, MethodInfo Method)
{
    public static IReadOnlyList<QueueTriggerFunction> Discover(Assembly assembly) =>
        assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>(),
                Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<QueueTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.Function is not null && x.Trigger is not null)
            .Select(x => new QueueTriggerFunction(x.Function!.Name, x.Trigger!.QueueName, x.Method))
            .ToList();
}
