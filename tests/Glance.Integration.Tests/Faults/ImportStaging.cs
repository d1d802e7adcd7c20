using System.Net;
using System.Net.Http.Headers;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests.Faults;

/// <summary>A glance-direct import as a client makes it: stage the bytes, then ask for the import (202).</summary>
internal static class ImportStaging
{
    public static async Task StageAndImportAsync(HttpClient client, string imageId, byte[] data)
    {
        var content = new ByteArrayContent(data);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync($"/v2/images/{imageId}/stage", content)).StatusCode);
        var import = await client.PostJsonAsync($"/v2/images/{imageId}/import", """{"method":{"name":"glance-direct"}}""");
        Assert.Equal(HttpStatusCode.Accepted, import.StatusCode);
    }
}
