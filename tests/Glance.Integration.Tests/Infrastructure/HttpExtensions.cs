using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Glance.Integration.Tests.Infrastructure;

internal static class HttpExtensions
{
    public const string PatchV21 = "application/openstack-images-v2.1-json-patch";
    public const string PatchV20 = "application/openstack-images-v2.0-json-patch";

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string path, string json, string mediaType = PatchV21)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return client.PatchAsync(path, content);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static async Task<JsonElement> CreateImageAsync(this HttpClient client, string json = "{}")
    {
        var response = await client.PostJsonAsync("/v2/images", json);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    /// <summary>Creates an image with its formats set (raw, bare), so that it can take bytes at once, and returns its id.</summary>
    public static async Task<string> CreateRawImageAsync(this HttpClient client, string name) =>
        (await client.CreateImageAsync($$"""{"name":"{{name}}","disk_format":"raw","container_format":"bare"}""")).GetProperty("id").GetString()!;
}
