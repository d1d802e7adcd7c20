using Glance.FunctionsHost.Tests.Routing;
using Glance.FunctionsHost.Tests.Rpc;

namespace Glance.FunctionsHost.Tests.Infrastructure;

/// <summary>
/// One HTTP request as the host handled it: the route that took it (null: no function route matched, the host's
/// bare 404), the worker's HTTP response, and the invocation's result on the event stream.
/// </summary>
internal sealed record HostHttpExchange(HostRouteMatch? Route, HttpResponseMessage Response, InvocationResponse? Invocation) : IDisposable
{
    public void Dispose() => Response.Dispose();
}
