using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace Glance.LocalHost;

/// <summary>
/// Maps each HTTP function of the Functions app to a Kestrel endpoint with the same route and verbs, and
/// binds its parameters as the Functions host does for our signatures: the HttpRequest, route values by
/// parameter name, and the cancellation token. Anything else fails at start-up, not at request time.
/// </summary>
public static class FunctionEndpointMapper
{
    public static IEndpointRouteBuilder MapGlanceFunctions(this IEndpointRouteBuilder endpoints)
    {
        foreach (var function in HttpFunctionCatalog.All)
        {
            var bind = Binder(function);
            RequestDelegate handler = async context =>
            {
                var target = function.Method.IsStatic ? null : context.RequestServices.GetRequiredService(function.Method.DeclaringType!);
                var task = (Task<IResult>)function.Method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, bind(context), null)!;
                var result = await task;
                await result.ExecuteAsync(context);
            };
            // A trigger that names no verb takes every verb, as in the Functions host.
            var endpoint = function.Methods.Count == 0 ? endpoints.Map(function.Route, handler) : endpoints.MapMethods(function.Route, function.Methods, handler);
            endpoint.WithDisplayName(function.Name);
        }
        return endpoints;
    }

    private static Func<HttpContext, object?[]> Binder(HttpFunction function)
    {
        if (function.Method.ReturnType != typeof(Task<IResult>))
        {
            throw new InvalidOperationException($"Function {function.Name} must return Task<IResult> to run in the local host.");
        }
        var binders = function.Method.GetParameters().Select(parameter => ParameterBinder(function, parameter)).ToArray();
        return context => binders.Select(b => b(context)).ToArray();
    }

    private static Func<HttpContext, object?> ParameterBinder(HttpFunction function, ParameterInfo parameter)
    {
        if (parameter.ParameterType == typeof(HttpRequest))
        {
            return context => context.Request;
        }
        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return context => context.RequestAborted;
        }
        if (parameter.ParameterType == typeof(string) && function.Route.Contains('{' + parameter.Name + '}', StringComparison.Ordinal))
        {
            return context => context.Request.RouteValues[parameter.Name!]?.ToString();
        }
        throw new InvalidOperationException(
            $"Function {function.Name} has parameter {parameter.Name} of type {parameter.ParameterType.Name}, which the local host cannot bind.");
    }
}
