using Glance.FunctionsHost.Tests.Infrastructure;
using Glance.FunctionsHost.Tests.Rpc;

namespace Glance.FunctionsHost.Tests;

/// <summary>Every timer function runs when the host fires it with a TimerInfo.</summary>
[Collection(WorkerSessionCollection.Name)]
public sealed class TimerTriggerTests(WorkerSession session)
{
    [Fact]
    public async Task TimerTrigger_EveryTimerFunction_CompletesWithSuccess()
    {
        var timers = session.Functions.Where(f => f.HasTrigger("timerTrigger")).Select(f => f.Name).ToList();
        Assert.NotEmpty(timers);

        foreach (var name in timers)
        {
            var invocation = await session.InvokeTimerAsync(name);

            Assert.True(invocation.Result.Status == StatusResult.Types.Status.Success,
                $"{name} ended {invocation.Result.Status}: {invocation.Result.Exception?.Message}{Environment.NewLine}{session.Describe()}");
        }
    }
}
