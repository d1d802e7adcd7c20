using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests.Faults;

/// <summary>
/// A PUT /file of 10 MiB held after 9 MiB (the image in saving, the first 8 MiB block handed to storage) while a
/// test breaks something, and what must follow once the fault is over, whatever it was: the stale-operation recovery
/// returns the image to queued without its bytes, a retried upload activates it with the right hash, and the audit
/// holds.
/// </summary>
internal sealed class InterruptedFileUpload(
    FaultRig rig, HttpClient client, string imageId, byte[] data, PausingContent body, Task<HttpResponseMessage> upload)
{
    public string ImageId => imageId;

    /// <summary>Creates an image named <paramref name="name"/> and returns once its upload is held, the image in saving.</summary>
    public static async Task<InterruptedFileUpload> StartAsync(FaultRig rig, HttpClient client, string name)
    {
        var id = await client.CreateRawImageAsync(name);
        var data = RandomNumberGenerator.GetBytes(10 * 1024 * 1024);
        var body = new PausingContent(data, pauseAfter: 9 * 1024 * 1024);
        var upload = client.PutAsync($"/v2/images/{id}/file", body);
        await body.Paused.WaitAsync(TimeSpan.FromSeconds(30));
        await rig.WaitForStatusAsync(id, "saving", TimeSpan.FromSeconds(10));
        return new InterruptedFileUpload(rig, client, id, data, body, upload);
    }

    /// <summary>Sends the rest of the body; the answer, or the lack of one, is for the test to judge.</summary>
    public Task<HttpResponseMessage> ResumeAsync(TimeSpan timeout)
    {
        body.Resume();
        return upload.WaitAsync(timeout);
    }

    public async Task AssertQueuedAgainThenARetryActivatesItAsync()
    {
        await rig.WaitForStatusAsync(ImageId, "queued", FaultRig.Patience);
        Assert.False(await rig.Audit.ImageBlobExistsAsync(ImageId));
        var retry = new ByteArrayContent(data);
        retry.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync($"/v2/images/{ImageId}/file", retry)).StatusCode);
        var image = await (await client.GetAsync($"/v2/images/{ImageId}")).JsonAsync();
        Assert.Equal("active", image.GetProperty("status").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA512.HashData(data)), image.GetProperty("os_hash_value").GetString());

        await rig.Audit.AssertRecoveredAsync(FaultRig.Patience);
        // The interrupted upload is reported (the first image.upload), then the retried one.
        Assert.Equal(["image.create", "image.update", "image.prepare", "image.update", "image.upload", "image.update", "image.prepare",
            "image.update", "image.upload", "image.activate"], rig.Audit.EventTypesOf(ImageId));
    }
}
