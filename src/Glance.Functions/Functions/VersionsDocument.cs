using System.Text.Json;
using Glance.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace Glance.Functions.Functions;

/// <summary>
/// Glance's version list (glance/api/versions.py) for a deployment without multistore and cache, which is
/// what we are: every id links to the one v2 API, since Glance has no microversion behaviour.
/// </summary>
public static class VersionsDocument
{
    private static readonly string[] Supported = ["v2.9", "v2.7", "v2.6", "v2.5", "v2.4", "v2.3", "v2.2", "v2.1", "v2.0"];
    private const string Current = "v2.15";

    /// <summary>The document as Glance's answer: 200 to <c>/versions</c>, 300 (the choices) to any other path it does not serve.</summary>
    public static IResult Result(int statusCode, string baseUrl) => new JsonResult(statusCode, w => Write(w, baseUrl));

    public static void Write(Utf8JsonWriter writer, string baseUrl)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("versions");
        WriteVersion(writer, Current, "CURRENT", baseUrl);
        foreach (var id in Supported)
        {
            WriteVersion(writer, id, "SUPPORTED", baseUrl);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteVersion(Utf8JsonWriter writer, string id, string status, string baseUrl)
    {
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("status", status);
        writer.WriteStartArray("links");
        writer.WriteStartObject();
        writer.WriteString("rel", "self");
        writer.WriteString("href", $"{baseUrl}/v2/");
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
