using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests.Faults;

/// <summary>
/// Breaks: the process, with SIGKILL, in the middle of a PUT /file (9 of 10 MiB sent, the image in saving, its blob
/// created and sealed under the upload's lease); then starts it again. Proves: the stale-operation recovery returns the image to
/// queued once the operation is older than any could run, deletes the partial bytes (no orphan blob), reports the
/// failed upload, and the user can upload again; the audit holds.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class LocalHostKilledDuringFileUploadTests() : FaultTest<LocalHostProcess>(() => FaultRig.StartAsync(), rig => rig.StartHostProcessAsync())
{
    [Fact]
    public async Task PutFile_HostKilledMidBody_RecoveryQueuesTheImageWithoutItsBytesAndARetryActivatesIt()
    {
        using var client = FaultRig.Client(Host.BaseUrl);
        var id = (await client.CreateImageAsync("""{"name":"put-killed","disk_format":"raw","container_format":"bare"}""")).GetProperty("id").GetString()!;
        var data = RandomNumberGenerator.GetBytes(10 * 1024 * 1024);
        var body = new PausingContent(data, pauseAfter: 9 * 1024 * 1024);

        var upload = client.PutAsync($"/v2/images/{id}/file", body);
        await body.Paused.WaitAsync(TimeSpan.FromSeconds(30));
        await Rig.WaitForStatusAsync(id, "saving", TimeSpan.FromSeconds(10));
        await WaitForBlobAsync(id);
        await Host.KillAsync();
        body.Resume();
        Assert.IsType<HttpRequestException>(await Record.ExceptionAsync(() => upload.WaitAsync(TimeSpan.FromSeconds(30))));
        await Host.RestartAsync();

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
    }

    private async Task WaitForBlobAsync(string imageId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await Rig.Audit.ImageBlobExistsAsync(imageId))
        {
            Assert.True(DateTime.UtcNow < deadline, "PUT /file never created the image's blob");
            await Task.Delay(20);
        }
    }
}
