using System.Net.Http.Headers;
using System.Text.Json;

namespace Glance.LoadWorkload;

/// <summary>A response read to its end; status 0 when no HTTP answer came back.</summary>
internal sealed record ApiResponse(int Status, byte[] Body, HttpResponseHeaders? Headers, HttpContentHeaders? ContentHeaders)
{
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }
}
