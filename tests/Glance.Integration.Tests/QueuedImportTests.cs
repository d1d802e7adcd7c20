using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Glance.Integration.Tests.Faults;
using Glance.Integration.Tests.Infrastructure;
using Glance.Storage;

namespace Glance.Integration.Tests;

/// <summary>
/// POST /import answers 202 before the import runs, and the queue trigger (the local host's poller over Azurite)
/// runs it: a slow web-download, a stalled one, a job delivered again, a message no delivery can handle.
/// </summary>
public sealed class QueuedImportTests(QueuedImportService service) : IClassFixture<QueuedImportService>
{
    [Fact]
    public async Task WebDownload_FromASlowSource_Answers202BeforeTheDownloadEndsAndTheImageBecomesActiveLater()
    {
        using var client = service.Client();
        var id = await CreateAsync(client, "qcow2");
        var content = DiskImages.Qcow2;
        var (uri, sent) = service.Files.Publish("slow.qcow2", content, chunkSize: content.Length / 10 + 1, pause: TimeSpan.FromMilliseconds(400));

        var import = await ImportAsync(client, id, uri);

        Assert.Equal(HttpStatusCode.Accepted, import.StatusCode);
        Assert.False(sent.IsCompleted, "The 202 came after the source had sent its last byte: the import ran inside the request.");
        Assert.Equal("importing", (await ShowAsync(client, id)).GetProperty("status").GetString());
        var image = await ImportCompletion.WaitAsync(client, id);
        Assert.Equal("active", image.GetProperty("status").GetString());
        Assert.True(sent.IsCompleted);
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(content)), image.GetProperty("checksum").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA512.HashData(content)), image.GetProperty("os_hash_value").GetString());
        var task = Assert.Single(await DirectUpload.TasksAsync(client, id));
        Assert.Equal("success", task.GetProperty("status").GetString());
    }

    [Fact]
    public async Task WebDownload_SourceStopsSending_FailsTheTaskWithTheIdleTimeoutAndQueuesTheImage()
    {
        using var client = service.Client();
        var id = await CreateAsync(client, "raw");
        var (uri, _) = service.Files.Publish("stalls.raw", new byte[64 * 1024], chunkSize: 500, pause: TimeSpan.FromMilliseconds(20), stallAfter: 1000);

        Assert.Equal(HttpStatusCode.Accepted, (await ImportAsync(client, id, uri)).StatusCode);

        var image = await ImportCompletion.WaitAsync(client, id);
        Assert.Equal("queued", image.GetProperty("status").GetString());
        var task = Assert.Single(await DirectUpload.TasksAsync(client, id));
        Assert.Equal("failure", task.GetProperty("status").GetString());
        Assert.Equal($"Web-download of {uri} failed: no data arrived for {QueuedImportService.IdleReadTimeout.TotalSeconds:0} seconds after 1000 bytes.",
            task.GetProperty("message").GetString());
        Assert.False(await ImageBlob(id).ExistsAsync());
    }

    [Fact]
    public async Task ImportJob_DeliveredAgainAfterTheImportFinished_ChangesNothing()
    {
        using var client = service.Client();
        var id = await CreateAsync(client, "raw");
        await StageAsync(client, id, RandomNumberGenerator.GetBytes(8192));
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostJsonAsync($"/v2/images/{id}/import", """{"method":{"name":"glance-direct"}}""")).StatusCode);
        var finished = await ImportCompletion.WaitAsync(client, id);
        var task = Assert.Single(await DirectUpload.TasksAsync(client, id));
        var queue = service.Queues().GetQueueClient(StorageOptions.ImportQueue);

        await queue.SendMessageAsync($$"""{"imageId":"{{id}}","taskId":"{{task.GetProperty("id").GetString()}}"}""");
        await Poll.UntilAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0,
            TimeSpan.FromSeconds(30), "The redelivered job was never taken off the queue.");

        var after = await ShowAsync(client, id);
        Assert.Equal(("active", finished.GetProperty("updated_at").GetString()), (after.GetProperty("status").GetString(), after.GetProperty("updated_at").GetString()));
        Assert.Equal(task.ToString(), Assert.Single(await DirectUpload.TasksAsync(client, id)).ToString());
    }

    [Fact]
    public async Task QueueMessage_EveryDeliveryFails_MovesToThePoisonQueueAfterFiveDeliveries()
    {
        var queues = service.Queues();
        var body = "not an import job " + Guid.NewGuid();

        await queues.GetQueueClient(StorageOptions.ImportQueue).SendMessageAsync(body);

        var poison = queues.GetQueueClient(StorageOptions.ImportQueue + "-poison");
        var found = false;
        await Poll.UntilAsync(async () =>
        {
            if (!(await poison.ExistsAsync()).Value)
            {
                return false;
            }
            var peeked = await poison.PeekMessagesAsync(32);
            found = peeked.Value.Any(m => m.Body.ToString() == body);
            return found;
        }, TimeSpan.FromSeconds(30), "The failing message never reached the poison queue.");
        Assert.True(found);
    }

    private Azure.Storage.Blobs.BlobClient ImageBlob(string imageId) =>
        new Azure.Storage.Blobs.BlobServiceClient(service.Azurite.ConnectionString).GetBlobContainerClient("images").GetBlobClient(imageId);

    private static async Task<string> CreateAsync(HttpClient client, string diskFormat) =>
        (await client.CreateImageAsync($$"""{"disk_format":"{{diskFormat}}","container_format":"bare"}""")).GetProperty("id").GetString()!;

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, string id, Uri uri) =>
        client.PostJsonAsync($"/v2/images/{id}/import", $$$"""{"method":{"name":"web-download","uri":"{{{uri}}}"}}""");

    private static async Task StageAsync(HttpClient client, string id, byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync($"/v2/images/{id}/stage", content)).StatusCode);
    }

    private static async Task<System.Text.Json.JsonElement> ShowAsync(HttpClient client, string id) =>
        await (await client.GetAsync($"/v2/images/{id}")).JsonAsync();
}
