using System.Text.Encodings.Web;
using System.Text.Json;

namespace Glance.Functions.Http;

/// <summary>
/// JSON output settings. Glance (Python's json) leaves '&lt;', '&gt;', '&amp;' and non-ASCII text unescaped; so do we,
/// which is safe because every response is application/json, never HTML.
/// </summary>
public static class GlanceJson
{
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static FunctionsJsonContext Context { get; } =
        new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
