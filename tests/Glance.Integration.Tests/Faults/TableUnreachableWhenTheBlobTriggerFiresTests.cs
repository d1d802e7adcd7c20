using System.Security.Cryptography;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests.Faults;

/// <summary>
/// Breaks: the table service alone (connections to it cut, the blob service still answering) at the moment an upload
/// through an upload URL completes, so that the blob trigger fires and its validation fails before it can seal the
/// blob or move the image; the table service comes back after the SDK's retries have given up. Proves: the image is
/// not left uploading with bytes nobody validates (before, nothing ran the validation again and the recovery left an
/// image awaiting its upload alone): the blob trigger runs it again, as the Functions host retries a failed blob
/// trigger, and once its attempts are spent the stale-operation recovery validates bytes left waiting longer than its
/// window; a request meanwhile (its connections reset) gets Glance's 503; the image ends active with its bytes'
/// hashes and the audit holds.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class TableUnreachableWhenTheBlobTriggerFiresTests() : FaultTest<LocalHostInstance>(() => FaultRig.StartAsync(proxyTables: true), rig => rig.StartHostAsync())
{
    [Fact]
    public async Task Validation_TableServiceCutWhenTheBlobArrives_IsRetriedAndTheImageEndsActive()
    {
        using var client = FaultRig.Client(Host.BaseUrl);
        var id = await client.CreateRawImageAsync("trigger-outage");
        var data = RandomNumberGenerator.GetBytes(64 * 1024);
        var response = await client.PostJsonAsync($"/v2/images/{id}/upload-url", "{}");
        var url = (await response.JsonAsync()).GetProperty("url").GetString()!;

        Rig.TableProxy!.CutOff = true;
        await new Azure.Storage.Blobs.Specialized.BlockBlobClient(new Uri(url)).UploadAsync(new MemoryStream(data));
        // The poller sees the blob within 0.2 s; its validation's first table read fails once the SDK's retries
        // (a reset connection is retried once) are spent.
        await Task.Delay(TimeSpan.FromSeconds(7));
        await FaultAssert.ServiceUnavailableAsync(await client.GetAsync($"/v2/images/{id}").WaitAsync(TimeSpan.FromSeconds(30)), "GET image");
        Assert.Equal("uploading", (await Rig.Audit.ImageRowAsync(id)).GetString("Status"));
        Rig.TableProxy!.CutOff = false;

        await Rig.WaitForStatusAsync(id, "active", FaultRig.Patience);
        var image = await (await client.GetAsync($"/v2/images/{id}")).JsonAsync();
        Assert.Equal(Convert.ToHexStringLower(SHA512.HashData(data)), image.GetProperty("os_hash_value").GetString());
        await Rig.Audit.AssertRecoveredAsync(FaultRig.Patience);
    }
}
