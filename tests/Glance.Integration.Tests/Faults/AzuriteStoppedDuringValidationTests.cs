using System.Security.Cryptography;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests.Faults;

/// <summary>
/// Breaks: storage, in the middle of the blob trigger's validation of bytes uploaded through an upload URL. Reads are
/// slowed by a proxy so that the validation is surely under way (image importing, bytes sealed, half read) when
/// Azurite stops; it stays down longer than the SDK's retries last. Proves: a failure of storage is not taken as a
/// verdict on the bytes: the image is not left importing forever and the user's good bytes are not thrown away; once
/// storage is back the image ends active with the checksum and os_hash_value of those bytes, and the audit holds.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class AzuriteStoppedDuringValidationTests : IAsyncLifetime
{
    private FaultRig _rig = null!;
    private LocalHostInstance _host = null!;

    public async Task InitializeAsync()
    {
        _rig = await FaultRig.StartAsync();
        _host = await _rig.StartHostAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _rig.DisposeAsync();
    }

    [Fact]
    public async Task Validation_AzuriteStoppedMidRead_TheImageEndsActiveWithTheHashesOfItsBytes()
    {
        using var client = FaultRig.Client(_host.BaseUrl);
        var id = (await client.CreateImageAsync("""{"name":"validation-outage","disk_format":"raw","container_format":"bare"}""")).GetProperty("id").GetString()!;
        var data = RandomNumberGenerator.GetBytes(12 * 1024 * 1024);
        _rig.BlobProxy.BytesPerSecond = 4_000_000;
        await DirectUpload.UploadAsync(client, id, data);

        await _rig.WaitForStatusAsync(id, "importing", TimeSpan.FromSeconds(30));
        await Task.Delay(500);
        await _rig.Azurite.StopAsync();
        _rig.BlobProxy.BytesPerSecond = 0;
        await Task.Delay(TimeSpan.FromSeconds(8));
        await _rig.Azurite.RestartAsync();

        await _rig.WaitForStatusAsync(id, "active", FaultRig.Patience);
        var image = await (await client.GetAsync($"/v2/images/{id}")).JsonAsync();
        Assert.Equal(Convert.ToHexStringLower(SHA512.HashData(data)), image.GetProperty("os_hash_value").GetString());
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(data)), image.GetProperty("checksum").GetString());
        var tasks = await DirectUpload.TasksAsync(client, id);
        Assert.Equal("success", tasks[^1].GetProperty("status").GetString());
        await _rig.Audit.AssertRecoveredAsync(FaultRig.Patience);
    }
}
