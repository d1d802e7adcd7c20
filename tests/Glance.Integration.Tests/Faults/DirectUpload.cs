using System.Text.Json;
using Azure.Storage.Blobs.Specialized;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests.Faults;

/// <summary>Uploads bytes as a client does with an upload URL: the service hands out the URL, the bytes go to storage.</summary>
internal static class DirectUpload
{
    public static async Task UploadAsync(HttpClient client, string imageId, byte[] data, string expectations = "{}")
    {
        var response = await client.PostJsonAsync($"/v2/images/{imageId}/upload-url", expectations);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var url = (await response.JsonAsync()).GetProperty("url").GetString()!;
        await new BlockBlobClient(new Uri(url)).UploadAsync(new MemoryStream(data));
    }

    /// <summary>
    /// The image's tasks, oldest first, once none is pending or processing. A validation records its success just
    /// after it activates the image (as Glance's import flow completes its task last), so an image seen active may
    /// still show its task processing for a moment.
    /// </summary>
    public static async Task<List<JsonElement>> FinishedTasksAsync(HttpClient client, string imageId, TimeSpan timeout)
    {
        List<JsonElement> tasks = [];
        await Poll.UntilAsync(async () =>
        {
            tasks = await TasksAsync(client, imageId);
            return tasks.All(t => t.GetProperty("status").GetString() is not ("pending" or "processing"));
        }, timeout, () => $"The tasks of image {imageId} did not finish: {string.Join(", ", tasks.Select(t => t.GetProperty("status").GetString()))}");
        return tasks;
    }

    /// <summary>The image's tasks, oldest first.</summary>
    public static async Task<List<JsonElement>> TasksAsync(HttpClient client, string imageId)
    {
        var tasks = await (await client.GetAsync($"/v2/images/{imageId}/tasks")).JsonAsync();
        return tasks.GetProperty("tasks").EnumerateArray().Reverse().ToList();
    }
}
