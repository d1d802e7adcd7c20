using Glance.FunctionsHost.Tests.Infrastructure;
using Glance.Integration.Tests.Infrastructure;
using Glance.LocalServers;

namespace Glance.FunctionsHost.Tests;

/// <summary>
/// The worker started with the host's arguments and nothing listening: a healthy app gets as far as dialing its host
/// and fails there (gRPC Unavailable, connection refused); an app that breaks while it builds its host (a missing
/// type, bad DI wiring) or refuses a setting fails before, with another error. This proves the app loads without any
/// host at all.
/// </summary>
public sealed class WorkerWithoutHostTests
{
    [Fact]
    public async Task Start_NoHostListening_FailsOnlyWhenDialingTheHost()
    {
        var nobody = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await using var worker = WorkerProcess.Start(nobody, new Dictionary<string, string>
        {
            // Never reached: the worker must fail at its host before it touches storage.
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["GlanceStorage"] = "UseDevelopmentStorage=true",
            ["Glance__Auth__Mode"] = "noauth",
        });

        Assert.True(await worker.WaitForExitAsync(TimeSpan.FromSeconds(90)), $"The worker did not exit. {worker.Describe()}");

        Assert.True(worker.ExitCode != 0, worker.Describe());
        Assert.True(
            worker.Output.Contains("StatusCode=\"Unavailable\"", StringComparison.Ordinal) &&
            worker.Output.Contains("Connection refused", StringComparison.OrdinalIgnoreCase),
            $"The worker did not fail on dialing its host. {worker.Describe()}");
    }

    /// <summary>Program.cs's host checks every options class at start: a bad setting stops it before it dials its host.</summary>
    [Fact]
    public async Task Start_BadSetting_FailsBeforeDialingTheHostNamingTheSetting()
    {
        var nobody = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await using var worker = WorkerProcess.Start(nobody, new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["GlanceStorage"] = "UseDevelopmentStorage=true",
            ["Glance__Auth__Mode"] = "noauth",
            ["Glance__Images__UpdateAttempts"] = "0",
        });

        Assert.True(await worker.WaitForExitAsync(TimeSpan.FromSeconds(90)), $"The worker did not exit. {worker.Describe()}");

        Assert.True(worker.ExitCode != 0, worker.Describe());
        Assert.True(
            worker.Output.Contains("Glance:Images:UpdateAttempts", StringComparison.Ordinal)
            && !worker.Output.Contains("StatusCode=\"Unavailable\"", StringComparison.Ordinal),
            $"The worker did not stop on the setting before dialing its host. {worker.Describe()}");
    }
}
