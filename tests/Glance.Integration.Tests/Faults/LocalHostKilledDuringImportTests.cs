using System.Security.Cryptography;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests.Faults;

/// <summary>
/// Breaks: the process, with SIGKILL, while the queue trigger runs a glance-direct import (reads slowed by a proxy so
/// that it is surely mid-read, its task processing), then starts it again. The dead run's message comes back only
/// after its visibility timeout and then finds the task begun, so it does nothing. Proves: once the import lock is
/// stale, the recovery takes it over and validates the staged bytes again; the image ends active with their
/// checksum and os_hash_value; the interrupted task is failed, not left processing; the audit holds.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class LocalHostKilledDuringImportTests() : FaultTest<LocalHostProcess>(() => FaultRig.StartAsync(proxyBlobs: true), rig => rig.StartHostProcessAsync())
{
    [Fact]
    public async Task GlanceDirectImport_HostKilledMidRead_TheStaleLockIsTakenOverAndTheImageEndsActive()
    {
        using var client = FaultRig.Client(Host.BaseUrl);
        var id = await client.CreateRawImageAsync("killed-import");
        var data = RandomNumberGenerator.GetBytes(8 * 1024 * 1024);
        Rig.BlobProxy!.BytesPerSecond = 2_000_000;

        await ImportStaging.StageAndImportAsync(client, id, data);
        await Poll.UntilAsync(async () => (await DirectUpload.TasksAsync(client, id)).Any(t => t.GetProperty("status").GetString() == "processing"),
            TimeSpan.FromSeconds(30), $"the import of {id} never began");
        await Host.KillAsync();
        Assert.Equal("importing", (await Rig.Audit.ImageRowAsync(id)).GetString("Status"));
        Rig.BlobProxy!.BytesPerSecond = 0;
        await Host.RestartAsync();

        await Rig.WaitForStatusAsync(id, "active", FaultRig.Patience);
        var image = await (await client.GetAsync($"/v2/images/{id}")).JsonAsync();
        Assert.Equal(Convert.ToHexStringLower(SHA512.HashData(data)), image.GetProperty("os_hash_value").GetString());
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(data)), image.GetProperty("checksum").GetString());
        var tasks = await DirectUpload.FinishedTasksAsync(client, id, FaultRig.Patience);
        Assert.Equal(["failure", "success"], tasks.Select(t => t.GetProperty("status").GetString()));
        Assert.Contains("another task took it over", tasks[0].GetProperty("message").GetString());
        await Rig.Audit.AssertRecoveredAsync(FaultRig.Patience);
    }
}
