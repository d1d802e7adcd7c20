using Glance.FunctionsHost.Tests.Infrastructure;
using Glance.FunctionsHost.Tests.Rpc;

namespace Glance.FunctionsHost.Tests;

/// <summary>The built worker, started with the host's arguments, comes up under the host's opening sequence.</summary>
[Collection(WorkerSessionCollection.Name)]
public sealed class WorkerStartupTests(WorkerSession session)
{
    [Fact]
    public void WorkerInit_HostArguments_SucceedsAndAnnouncesHttpUri()
    {
        Assert.Equal(StatusResult.Types.Status.Success, session.InitResponse.Result.Status);
        Assert.True(session.InitResponse.Capabilities.TryGetValue(WorkerSession.HttpUriCapability, out var httpUri),
            $"No {WorkerSession.HttpUriCapability} capability in {session.InitResponse.Capabilities}");
        Assert.True(Uri.TryCreate(httpUri, UriKind.Absolute, out var uri) && uri.Scheme == "http", $"HttpUri is {httpUri}");
    }
}
