using System.Security.Cryptography;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests.Faults;

/// <summary>
/// Breaks: storage, in the middle of the blob trigger's validation of bytes uploaded through an upload URL. Reads are
/// slowed by a proxy so that the validation is surely under way (image importing, bytes sealed, partly read) when
/// Azurite stops; it stays down for 8 s, less than the SDK's retries of a broken read last. Proves: the validation
/// survives the outage: the lease that seals the bytes survives Azurite's restart, the read resumes where it broke,
/// the image is neither left importing nor sent back to queued with the user's good bytes thrown away, and it ends
/// active with the checksum and os_hash_value of the whole of those bytes (read in two parts around the outage) under
/// the one validation task; the audit holds. (A validator that gives up is covered by the domain tests and, dead, by
/// <see cref="LocalHostKilledDuringValidationTests"/>.)
/// </summary>
[Collection(FaultCollection.Name)]
// The validation outlives the outage (the SDK retries a broken read for up to about 30 s): no recovery may take it over
// meanwhile, as none could in production, where the window outlasts any function run.
public sealed class AzuriteStoppedDuringValidationTests() : FaultTest<LocalHostInstance>(
    () => FaultRig.StartAsync(staleOperationAfter: TimeSpan.FromMinutes(1), proxyBlobs: true), rig => rig.StartHostAsync())
{

    [Fact]
    public async Task Validation_AzuriteStoppedMidRead_TheImageEndsActiveWithTheHashesOfItsBytes()
    {
        using var client = FaultRig.Client(Host.BaseUrl);
        var id = await client.CreateRawImageAsync("validation-outage");
        var data = RandomNumberGenerator.GetBytes(16 * 1024 * 1024);
        Rig.BlobProxy!.BytesPerSecond = 4_000_000;
        await DirectUpload.UploadAsync(client, id, data);

        // 16 MiB at 4 MB/s: the read lasts about 4 s from here.
        await Rig.WaitForStatusAsync(id, "importing", TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        await Rig.Azurite.StopAsync();
        Rig.BlobProxy!.BytesPerSecond = 0;
        await Task.Delay(TimeSpan.FromSeconds(8));
        await Rig.Azurite.RestartAsync();

        await Rig.WaitForStatusAsync(id, "active", FaultRig.Patience);
        var image = await (await client.GetAsync($"/v2/images/{id}")).JsonAsync();
        Assert.Equal(Convert.ToHexStringLower(SHA512.HashData(data)), image.GetProperty("os_hash_value").GetString());
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(data)), image.GetProperty("checksum").GetString());
        var tasks = await DirectUpload.FinishedTasksAsync(client, id, FaultRig.Patience);
        Assert.Equal(["success"], tasks.Select(t => t.GetProperty("status").GetString()));
        await Rig.Audit.AssertRecoveredAsync(FaultRig.Patience);
    }
}
