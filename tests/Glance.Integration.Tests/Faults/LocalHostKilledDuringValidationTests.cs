using System.Security.Cryptography;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests.Faults;

/// <summary>
/// Breaks: the process, with SIGKILL, while the blob trigger validates two uploads (one whose bytes are good, one
/// whose bytes do not match the checksum its uploader declared), reads slowed by a proxy so that both are surely
/// importing, their bytes sealed under the validation's lease, when it dies; then starts it again. Nothing of the
/// dead validation runs again by itself: the poller skips sealed blobs. Proves: once the import lock is stale, the
/// stale-operation recovery takes it over (as Glance's import lock takeover does) and validates the sealed bytes
/// again: the good image ends active with its bytes' checksum and os_hash_value, the bad one queued with its bytes
/// deleted and a failed task saying why; the interrupted task is failed, not left processing; the audit holds.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class LocalHostKilledDuringValidationTests() : FaultTest<LocalHostProcess>(() => FaultRig.StartAsync(proxyBlobs: true), rig => rig.StartHostProcessAsync())
{
    [Fact]
    public async Task Validation_HostKilledMidRead_TheStaleLockIsTakenOverAndEachImageEndsAsItsBytesDeserve()
    {
        using var client = FaultRig.Client(Host.BaseUrl);
        var good = await client.CreateRawImageAsync("good");
        var bad = await client.CreateRawImageAsync("bad");
        var data = RandomNumberGenerator.GetBytes(8 * 1024 * 1024);
        var declared = Convert.ToHexStringLower(MD5.HashData(RandomNumberGenerator.GetBytes(16)));
        Rig.BlobProxy!.BytesPerSecond = 4_000_000;
        await DirectUpload.UploadAsync(client, good, data);
        await DirectUpload.UploadAsync(client, bad, data, $$"""{"checksum":"{{declared}}"}""");

        // Under way: importing under the validation's lock, its task recorded as processing.
        await WaitForProcessingTaskAsync(client, good);
        await WaitForProcessingTaskAsync(client, bad);
        await Host.KillAsync();
        Assert.Equal("importing", (await Rig.Audit.ImageRowAsync(good)).GetString("Status"));
        Assert.Equal("importing", (await Rig.Audit.ImageRowAsync(bad)).GetString("Status"));
        Rig.BlobProxy!.BytesPerSecond = 0;
        await Host.RestartAsync();

        await Rig.WaitForStatusAsync(good, "active", FaultRig.Patience);
        var image = await (await client.GetAsync($"/v2/images/{good}")).JsonAsync();
        Assert.Equal(Convert.ToHexStringLower(SHA512.HashData(data)), image.GetProperty("os_hash_value").GetString());
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(data)), image.GetProperty("checksum").GetString());
        await Rig.WaitForStatusAsync(bad, "queued", FaultRig.Patience);

        var goodTasks = await DirectUpload.FinishedTasksAsync(client, good, FaultRig.Patience);
        Assert.Equal(["failure", "success"], goodTasks.Select(t => t.GetProperty("status").GetString()));
        var badTasks = await DirectUpload.TasksAsync(client, bad);
        Assert.Equal(["failure", "failure"], badTasks.Select(t => t.GetProperty("status").GetString()));
        Assert.Contains("checksum", badTasks[1].GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        await Rig.Audit.AssertRecoveredAsync(FaultRig.Patience);
        Assert.Equal(["image.create", "image.update", "image.update", "image.prepare", "task.create", "task.processing",
            "image.update", "task.create", "task.processing", "task.failure", "image.update", "image.upload", "image.activate", "task.success"],
            Rig.Audit.EventTypesOf(good));
    }

    private static Task WaitForProcessingTaskAsync(HttpClient client, string imageId) =>
        Poll.UntilAsync(async () => (await DirectUpload.TasksAsync(client, imageId)).Any(t => t.GetProperty("status").GetString() == "processing"),
            TimeSpan.FromSeconds(30), $"the validation of {imageId} never started");
}
