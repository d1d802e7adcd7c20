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
public sealed class LocalHostKilledDuringFileUploadTests : IAsyncLifetime
{
    private FaultRig _rig = null!;
    private LocalHostProcess _host = null!;

    public async Task InitializeAsync()
    {
        _rig = await FaultRig.StartAsync();
        _host = await _rig.StartHostProcessAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _rig.DisposeAsync();
    }

    [Fact]
    public async Task PutFile_HostKilledMidBody_RecoveryQueuesTheImageWithoutItsBytesAndARetryActivatesIt()
    {
        using var client = FaultRig.Client(_host.BaseUrl);
        var id = (await client.CreateImageAsync("""{"name":"put-killed","disk_format":"raw","container_format":"bare"}""")).GetProperty("id").GetString()!;
        var data = RandomNumberGenerator.GetBytes(10 * 1024 * 1024);
        var body = new PausingContent(data, pauseAfter: 9 * 1024 * 1024);

        var upload = client.PutAsync($"/v2/images/{id}/file", body);
        await body.Paused.WaitAsync(TimeSpan.FromSeconds(30));
        await _rig.WaitForStatusAsync(id, "saving", TimeSpan.FromSeconds(10));
        await WaitForBlobAsync(id);
        await _host.KillAsync();
        body.Resume();
        Assert.IsType<HttpRequestException>(await Record.ExceptionAsync(() => upload.WaitAsync(TimeSpan.FromSeconds(30))));
        await _host.RestartAsync();

        await _rig.WaitForStatusAsync(id, "queued", FaultRig.Patience);
        Assert.False(await _rig.Audit.ImageBlobExistsAsync(id));
        var retry = new ByteArrayContent(data);
        retry.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync($"/v2/images/{id}/file", retry)).StatusCode);
        var image = await (await client.GetAsync($"/v2/images/{id}")).JsonAsync();
        Assert.Equal("active", image.GetProperty("status").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA512.HashData(data)), image.GetProperty("os_hash_value").GetString());

        await _rig.Audit.AssertRecoveredAsync(FaultRig.Patience);
        Assert.Equal(["image.create", "image.update", "image.prepare", "image.update", "image.upload", "image.update", "image.prepare",
            "image.update", "image.upload", "image.activate"], _rig.Audit.EventTypesOf(id));
    }

    private async Task WaitForBlobAsync(string imageId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await _rig.Audit.ImageBlobExistsAsync(imageId))
        {
            Assert.True(DateTime.UtcNow < deadline, "PUT /file never created the image's blob");
            await Task.Delay(20);
        }
    }
}
