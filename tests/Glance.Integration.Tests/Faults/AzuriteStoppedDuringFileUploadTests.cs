using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests.Faults;

/// <summary>
/// Breaks: storage, in the middle of a PUT /file. Azurite is stopped while the body is still arriving (9 of 10 MiB
/// sent, the first 8 MiB block handed to storage), kept down until the service answers, then started again over the
/// same data. Proves: the client gets Glance's 503 (once the storage SDK's retries are spent, about 30 s with its
/// defaults: six tries for the blob, four for the table), not a 500 or a hang; the image left in saving with sealed,
/// unverified bytes is returned to queued by the stale-operation recovery once storage is back, its bytes deleted and
/// the failure reported (image.upload at ERROR); a retried upload activates it with the right hashes; the audit holds.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class AzuriteStoppedDuringFileUploadTests() : FaultTest<LocalHostInstance>(() => FaultRig.StartAsync(), rig => rig.StartHostAsync())
{
    [Fact]
    public async Task PutFile_AzuriteStoppedMidBody_Answers503AndTheImageIsQueuedAgainThenARetryActivatesIt()
    {
        using var client = FaultRig.Client(Host.BaseUrl);
        var id = (await client.CreateImageAsync("""{"name":"put-outage","disk_format":"raw","container_format":"bare"}""")).GetProperty("id").GetString()!;
        var data = RandomNumberGenerator.GetBytes(10 * 1024 * 1024);
        var body = new PausingContent(data, pauseAfter: 9 * 1024 * 1024);

        var upload = client.PutAsync($"/v2/images/{id}/file", body);
        await body.Paused.WaitAsync(TimeSpan.FromSeconds(30));
        await Rig.WaitForStatusAsync(id, "saving", TimeSpan.FromSeconds(10));
        await Rig.Azurite.StopAsync();
        body.Resume();
        var answer = await upload.WaitAsync(TimeSpan.FromSeconds(60));
        await FaultAssert.ServiceUnavailableAsync(answer, "PUT /file");
        await Rig.Azurite.RestartAsync();

        await Rig.WaitForStatusAsync(id, "queued", FaultRig.Patience);
        Assert.False(await Rig.Audit.ImageBlobExistsAsync(id));
        var retry = new ByteArrayContent(data);
        retry.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync($"/v2/images/{id}/file", retry)).StatusCode);
        var image = await (await client.GetAsync($"/v2/images/{id}")).JsonAsync();
        Assert.Equal("active", image.GetProperty("status").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA512.HashData(data)), image.GetProperty("os_hash_value").GetString());

        await Rig.Audit.AssertRecoveredAsync(FaultRig.Patience);
        Assert.Equal(["image.create", "image.update", "image.prepare", "image.update", "image.upload", "image.update", "image.prepare",
            "image.update", "image.upload", "image.activate"], Rig.Audit.EventTypesOf(id));
        Assert.Equal("error", Rig.Audit.DistinctEventsOf(id)[4].GetProperty("priority").GetString());
    }
}
