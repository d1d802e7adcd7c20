using System.Net;
using System.Text.Json;

namespace Glance.Integration.Tests.Faults;

internal static class FaultAssert
{
    /// <summary>Glance's 503 body (webob's JSON shape) and nothing of the service's internals.</summary>
    public static async Task ServiceUnavailableAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{what} answered {(int)response.StatusCode} during the outage: {text}");
        using var body = JsonDocument.Parse(text);
        Assert.Equal("503 Service Unavailable", body.RootElement.GetProperty("code").GetString());
        Assert.Equal("Service Unavailable", body.RootElement.GetProperty("title").GetString());
        Assert.DoesNotContain("Exception", text);
        Assert.DoesNotContain("127.0.0.1", text);
    }
}
