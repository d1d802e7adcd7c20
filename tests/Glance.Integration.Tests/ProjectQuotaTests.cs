using System.Net;
using System.Net.Http.Headers;
using Azure.Storage.Blobs;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests;

/// <summary>Project quotas through the HTTP API, with the usage read from the listing index in Azurite.</summary>
public sealed class ProjectQuotaTests(QuotaService service) : IClassFixture<QuotaService>
{
    private const int MiB = 1024 * 1024;

    private static async Task<string> CreateRawAsync(HttpClient client) =>
        (await client.CreateImageAsync("""{"disk_format":"raw","container_format":"bare"}""")).GetProperty("id").GetString()!;

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string id, int bytes, string path = "file")
    {
        var content = new ByteArrayContent(new byte[bytes]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return client.PutAsync($"/v2/images/{id}/{path}", content);
    }

    private static async Task<string> StatusAsync(HttpClient client, string id) =>
        (await (await client.GetAsync($"/v2/images/{id}")).JsonAsync()).GetProperty("status").GetString()!;

    private static async Task<string> MessageAsync(HttpResponseMessage response) =>
        (await response.JsonAsync()).GetProperty("message").GetString()!;

    private const string Explanation =
        "The request returned a 413 Request Entity Too Large. This generally means that rate limiting or a quota threshold was breached.\n\nThe response body:\n";

    [Fact]
    public async Task CreateImage_ProjectAtTheDefaultImageCountTotal_Is413UntilAnImageIsDeleted()
    {
        using var client = service.Client("quota-count");
        var first = await CreateRawAsync(client);
        await CreateRawAsync(client);

        var refused = await client.PostJsonAsync("/v2/images", "{}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.StartsWith(Explanation +
            "Project quota-count is over a limit for [Resource image_count_total is over limit of 2 due to current usage 2 and delta 1]",
            await MessageAsync(refused));
        Assert.Equal(QuotaService.DefaultImageCountTotal, (await (await client.GetAsync("/v2/images")).JsonAsync()).GetProperty("images").GetArrayLength());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v2/images/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/v2/images", "{}")).StatusCode);
    }

    [Fact]
    public async Task CreateImage_ProjectOverride_BeatsTheDefault()
    {
        using var client = service.Client("quota-roomy");
        for (var i = 0; i < 4; i++)
        {
            await CreateRawAsync(client);
        }

        var refused = await client.PostJsonAsync("/v2/images", "{}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Contains("[Resource image_count_total is over limit of 4 due to current usage 4 and delta 1]", await MessageAsync(refused));
    }

    [Fact]
    public async Task PutFile_OvershootingImageSizeTotal_Is413WithBytesDeleted_AndOnceOverTheLimitNothingMoreIsAccepted()
    {
        using var client = service.Client("quota-size");
        var first = await CreateRawAsync(client);

        var overshoot = await PutAsync(client, first, 2 * MiB + MiB / 2);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, overshoot.StatusCode);
        Assert.Contains("[Resource image_size_total is over limit of 1 due to current usage 0 and delta 2]", await MessageAsync(overshoot));
        Assert.Equal("queued", await StatusAsync(client, first));
        Assert.False(await service.ImageBlob(first).ExistsAsync());

        // 1.5 MiB counts as 1, within the limit; the next 0.75 MiB counts as 0 and is let in (Glance's "usage before the
        // request"), leaving the project at 2 MiB of 1.
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(client, first, MiB + MiB / 2)).StatusCode);
        var second = await CreateRawAsync(client);
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(client, second, 3 * MiB / 4)).StatusCode);
        var third = await CreateRawAsync(client);

        var overLimit = await PutAsync(client, third, 1);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, overLimit.StatusCode);
        Assert.Contains("[Resource image_size_total is over limit of 1 due to current usage 2 and delta 0]", await MessageAsync(overLimit));
        Assert.Equal("queued", await StatusAsync(client, third));
        Assert.False(await service.ImageBlob(third).ExistsAsync());
    }

    [Fact]
    public async Task UploadUrl_UploadOvershootingImageSizeTotal_FailsValidationDeletesTheBytesAndQueuesTheImage()
    {
        using var client = service.Client("quota-sas");
        var declared = await CreateRawAsync(client);
        var tooBig = await client.PostJsonAsync($"/v2/images/{declared}/upload-url", $$"""{"size":{{2 * MiB}}}""");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Equal("queued", await StatusAsync(client, declared));

        var id = await CreateRawAsync(client);
        var issued = await client.PostAsync($"/v2/images/{id}/upload-url", null);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var url = new Uri((await issued.JsonAsync()).GetProperty("url").GetString()!);

        await new BlobClient(url).UploadAsync(new BinaryData(new byte[3 * MiB]));

        // The image goes back to queued after its task records why, so once it is queued the reason is there to read.
        var status = "uploading";
        for (var i = 0; i < 150 && status is "uploading" or "importing"; i++)
        {
            await Task.Delay(100);
            status = await StatusAsync(client, id);
        }
        Assert.Equal("queued", status);
        var task = Assert.Single((await (await client.GetAsync($"/v2/images/{id}/tasks")).JsonAsync()).GetProperty("tasks").EnumerateArray());
        Assert.Equal("failure", task.GetProperty("status").GetString());
        Assert.Contains("[Resource image_size_total is over limit of 1 due to current usage 0 and delta 3]", task.GetProperty("message").GetString());
        Assert.False(await service.ImageBlob(id).ExistsAsync());
    }

    [Fact]
    public async Task UploadAndStage_ProjectAtImageCountUploading_Are413_ButANewUrlForTheSameUploadIsNot()
    {
        using var client = service.Client("quota-uploading");
        var uploading = await CreateRawAsync(client);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/v2/images/{uploading}/upload-url", null)).StatusCode);
        var other = await CreateRawAsync(client);

        var url = await client.PostAsync($"/v2/images/{other}/upload-url", null);
        var stage = await PutAsync(client, other, 10, "stage");
        var file = await PutAsync(client, other, 10);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, url.StatusCode);
        Assert.Contains("[Resource image_count_uploading is over limit of 1 due to current usage 2 and delta 0]", await MessageAsync(url));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, stage.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, file.StatusCode);
        Assert.Equal("queued", await StatusAsync(client, other));
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/v2/images/{uploading}/upload-url", null)).StatusCode);
    }

    [Fact]
    public async Task InfoUsage_ReportsTheProjectsLimitsAndUsage()
    {
        using var client = service.Client("quota-usage");
        var active = await CreateRawAsync(client);
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(client, active, MiB + MiB / 2)).StatusCode);
        var staged = await CreateRawAsync(client);
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(client, staged, 2 * MiB, "stage")).StatusCode);
        var uploading = await CreateRawAsync(client);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/v2/images/{uploading}/upload-url", null)).StatusCode);

        var response = await client.GetAsync("/v2/info/usage");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var usage = (await response.JsonAsync()).GetProperty("usage");
        Assert.Equal(
            ["image_size_total: 10/1", "image_stage_total: -1/2", "image_count_total: 5/3", "image_count_uploading: -1/2"],
            usage.EnumerateObject().Select(p => $"{p.Name}: {p.Value.GetProperty("limit").GetInt64()}/{p.Value.GetProperty("usage").GetInt64()}"));
        var unconfigured = await (await service.Client("quota-nobody").GetAsync("/v2/info/usage")).JsonAsync();
        Assert.Equal(
            ["image_size_total: -1/0", "image_stage_total: -1/0", "image_count_total: 2/0", "image_count_uploading: -1/0"],
            unconfigured.GetProperty("usage").EnumerateObject().Select(p => $"{p.Name}: {p.Value.GetProperty("limit").GetInt64()}/{p.Value.GetProperty("usage").GetInt64()}"));
    }
}
