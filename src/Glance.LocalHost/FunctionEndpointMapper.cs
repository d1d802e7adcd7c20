namespace Glance.LocalHost;

/// <summary>
/// Maps each HTTP function of the Functions app to a Kestrel endpoint with the same route and verbs, and binds its
/// parameters as the Functions host does for our signatures (<see cref="HttpFunction.InvokeAsync"/>); a function
/// with any other parameter fails at start-up, not at request time.
/// </summary>
public static class FunctionEndpointMapper
{
    public static IEndpointRouteBuilder MapGlanceFunctions(this IEndpointRouteBuilder endpoints)
    {
        foreach (var function in HttpFunctionCatalog.All)
        {
            RequestDelegate handler = async context =>
            {
                var result = await function.InvokeAsync(context.RequestServices, context.Request, context.Request.RouteValues, context.RequestAborted);
                await result.ExecuteAsync(context);
            };
            // A trigger that names no verb takes every verb, as in the Functions host.
            var endpoint = function.Methods.Count == 0 ? endpoints.Map(function.Route, handler) : endpoints.MapMethods(function.Route, function.Methods, handler);
            endpoint.WithDisplayName(function.Name);
        }
        return endpoints;
    }
}
