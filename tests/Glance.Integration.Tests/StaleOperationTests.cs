using System.Net;
using System.Net.Http.Headers;
using Glance.Domain.Images;
using Glance.Domain.Ports;
using Glance.Functions.Functions;
using Glance.Integration.Tests.Infrastructure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Integration.Tests;

/// <summary>
/// A process that dies mid-upload leaves its image in saving with sealed, unverified bytes. Breaks: the PUT /file
/// that would have activated or undone it. Proves: the timer function returns the image to queued, deletes the
/// bytes, keeps the listing in step, and the user can upload again.
/// </summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class StaleOperationTests(GlanceService service)
{
    [Fact]
    public async Task RecoverStaleOperations_UploadWhoseProcessDied_QueuesTheImageAndDeletesItsBytes()
    {
        using var client = service.Client("stale-upload");
        var id = (await client.CreateImageAsync("""{"name":"interrupted","disk_format":"raw","container_format":"bare"}""")).GetProperty("id").GetString()!;
        var services = service.Trusted.App.Services;
        var images = services.GetRequiredService<IImageRepository>();
        var data = services.GetRequiredService<IImageDataStore>();
        // What PUT /file had done when its process died, five hours ago: saving, bytes written into a blob sealed (as
        // PUT /file does) before the first byte. The bytes go first: the fixture's own timers may recover the image as
        // soon as it is saved.
        var lease = Guid.NewGuid().ToString();
        await data.CreateSealedAsync(id, lease);
        await data.WriteAsync(id, lease, new MemoryStream([1, 2, 3]));
        Assert.True(await service.ImageBlob(id).ExistsAsync());
        var image = (await images.FindAsync(id))!;
        image.BeginSaving(lease, DateTimeOffset.UtcNow.AddHours(-5));
        await images.SaveAsync(image, []);

        using (var scope = services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<StaleOperationFunctions>().RecoverStaleOperations(new TimerInfo(), CancellationToken.None);
        }

        var shown = await (await client.GetAsync($"/v2/images/{id}")).JsonAsync();
        Assert.Equal("queued", shown.GetProperty("status").GetString());
        Assert.False(await service.ImageBlob(id).ExistsAsync());
        var listed = await (await client.GetAsync("/v2/images?name=interrupted")).JsonAsync();
        Assert.Equal("queued", Assert.Single(listed.GetProperty("images").EnumerateArray()).GetProperty("status").GetString());
        var retry = new ByteArrayContent([4, 5, 6]);
        retry.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync($"/v2/images/{id}/file", retry)).StatusCode);
    }

    [Fact]
    public async Task RecoverStaleOperations_UploadStillRunning_IsLeftAlone()
    {
        using var client = service.Client("stale-live");
        var id = (await client.CreateImageAsync("""{"disk_format":"raw","container_format":"bare"}""")).GetProperty("id").GetString()!;
        var services = service.Trusted.App.Services;
        var images = services.GetRequiredService<IImageRepository>();
        var image = (await images.FindAsync(id))!;
        image.BeginSaving(Guid.NewGuid().ToString(), DateTimeOffset.UtcNow.AddMinutes(-30));
        await images.SaveAsync(image, []);

        using (var scope = services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<StaleOperationFunctions>().RecoverStaleOperations(new TimerInfo(), CancellationToken.None);
        }

        Assert.Equal(ImageStatus.Saving, (await images.FindAsync(id))!.Status);
    }
}
