namespace Glance.FunctionsHost.Tests.Routing;

/// <summary>
/// The function that takes a request under the host's rule, and the route values the host hands to the worker in
/// the invocation's trigger metadata (binding data: the function's route parameters, e.g. <c>imageId</c>).
/// </summary>
public sealed record HostRouteMatch(HostRoute Route, IReadOnlyDictionary<string, string> RouteValues)
{
    public string FunctionName => Route.FunctionName;
}
