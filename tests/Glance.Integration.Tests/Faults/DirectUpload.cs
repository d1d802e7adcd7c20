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

    /// <summary>The image's tasks, oldest first.</summary>
    public static async Task<List<JsonElement>> TasksAsync(HttpClient client, string imageId)
    {
        var tasks = await (await client.GetAsync($"/v2/images/{imageId}/tasks")).JsonAsync();
        return tasks.GetProperty("tasks").EnumerateArray().Reverse().ToList();
    }
}
