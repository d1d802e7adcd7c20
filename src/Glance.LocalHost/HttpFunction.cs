using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.LocalHost;

/// <summary>
/// One HTTP function: its name, route template, verbs and the method that implements it, which
/// <see cref="InvokeAsync"/> calls with its parameters bound as the Functions host binds our signatures: the
/// HttpRequest, route values by parameter name, and the cancellation token.
/// </summary>
public sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods, MethodInfo Method)
{
    /// <summary>Calls the function on an instance of its class from <paramref name="services"/> (the classes are registered per scope).</summary>
    public Task<IResult> InvokeAsync(
        IServiceProvider services, HttpRequest request, IReadOnlyDictionary<string, object?> routeValues, CancellationToken cancellationToken)
    {
        var target = Method.IsStatic ? null : services.GetRequiredService(Method.DeclaringType!);
        var arguments = Method.GetParameters().Select(parameter => parameter.ParameterType switch
        {
            var t when t == typeof(HttpRequest) => request,
            var t when t == typeof(CancellationToken) => cancellationToken,
            _ => (object?)routeValues.GetValueOrDefault(parameter.Name!)?.ToString(),
        }).ToArray();
        return (Task<IResult>)Method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, arguments, null)!;
    }

    /// <summary>Fails unless every parameter is one <see cref="InvokeAsync"/> binds: at start-up, not at request time.</summary>
    internal HttpFunction EnsureBindable()
    {
        if (Method.ReturnType != typeof(Task<IResult>))
        {
            throw new InvalidOperationException($"Function {Name} must return Task<IResult>.");
        }
        foreach (var parameter in Method.GetParameters())
        {
            var bindable = parameter.ParameterType == typeof(HttpRequest) || parameter.ParameterType == typeof(CancellationToken)
                || (parameter.ParameterType == typeof(string) && Route.Contains('{' + parameter.Name + '}', StringComparison.Ordinal));
            if (!bindable)
            {
                throw new InvalidOperationException(
                    $"Function {Name} has parameter {parameter.Name} of type {parameter.ParameterType.Name}, which cannot be bound.");
            }
        }
        return this;
    }
}
