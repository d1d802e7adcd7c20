using System.Net;
using System.Security.Cryptography;
using Glance.FunctionsHost.Tests.Infrastructure;
using Glance.FunctionsHost.Tests.Rpc;

namespace Glance.FunctionsHost.Tests;

/// <summary>
/// The upload validation trigger as the host delivers a BlobCreated event to it: the blob by reference
/// (ModelBindingData for the BlobClient parameter) and the path's {name} in the trigger metadata.
/// </summary>
[Collection(WorkerSessionCollection.Name)]
public sealed class BlobTriggerTests(WorkerSession session)
{
    [Fact]
    public async Task BlobTrigger_UploadedThroughUploadUrl_ActivatesImageWithChecksum()
    {
        var http = new HttpInvocationTests(session);
        using var created = await session.SendHttpAsync(HttpInvocationTests.Json(HttpMethod.Post, "/v2/images", """{"disk_format":"raw","container_format":"bare"}"""));
        var id = (await http.AssertAnsweredAsync(created, HttpStatusCode.Created)).RootElement.GetProperty("id").GetString()!;
        using var issued = await session.SendHttpAsync(HttpInvocationTests.WithCaller(new HttpRequestMessage(HttpMethod.Post, $"/v2/images/{id}/upload-url")));
        var uploadUrl = (await http.AssertAnsweredAsync(issued, HttpStatusCode.Created)).RootElement.GetProperty("url").GetString()!;
        var bytes = RandomNumberGenerator.GetBytes(64 * 1024 + 3);
        using (var raw = new HttpClient())
        {
            var put = new HttpRequestMessage(HttpMethod.Put, uploadUrl) { Content = new ByteArrayContent(bytes) };
            put.Headers.Add("x-ms-blob-type", "BlockBlob");
            Assert.Equal(HttpStatusCode.Created, (await raw.SendAsync(put)).StatusCode);
        }
        var function = session.Functions.Single(f => f.HasTrigger("blobTrigger"));
        var container = ((string)function.Binding("blobTrigger")!["path"]!).Split('/')[0];

        var invocation = await session.InvokeBlobTriggerAsync(function.Name, $"{container}/{id}");

        Assert.True(invocation.Result.Status == StatusResult.Types.Status.Success,
            $"{function.Name} ended {invocation.Result.Status}: {invocation.Result.Exception?.Message}{Environment.NewLine}{session.Describe()}");
        using var shown = await session.SendHttpAsync(HttpInvocationTests.Get($"/v2/images/{id}"));
        var image = (await http.AssertAnsweredAsync(shown, HttpStatusCode.OK)).RootElement;
        Assert.Equal("active", image.GetProperty("status").GetString());
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(bytes)), image.GetProperty("checksum").GetString());
        Assert.Equal(bytes.Length, image.GetProperty("size").GetInt64());
    }
}
