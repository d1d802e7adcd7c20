using System.Text.Json;
using Glance.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace Glance.Functions.Functions;

/// <summary>
/// Glance's version list (glance/api/versions.py) for a deployment without image cache, which is what we are, and
/// the version ids its version negotiation serves: the same ids. Multistore (configured stores, Glance's
/// enabled_backends) adds v2.8 and v2.10 to v2.13. Every id links to the one v2 API, since Glance has no
/// microversion behaviour.
/// </summary>
public sealed class VersionsDocument
{
    private const string Current = "v2.15";
    private static readonly string[] Base = ["v2.7", "v2.6", "v2.5", "v2.4", "v2.3", "v2.2", "v2.1", "v2.0"];
    private static readonly string[] WithoutMultistore = ["v2.9"];
    private static readonly string[] WithMultistore = ["v2.13", "v2.12", "v2.11", "v2.10", "v2.9", "v2.8"];

    private readonly HashSet<string> _served;

    public VersionsDocument(bool multistore)
    {
        Supported = [.. multistore ? WithMultistore : WithoutMultistore, .. Base];
        _served = new HashSet<string>([ApiRoutes.Major, Current, .. Supported], StringComparer.Ordinal);
    }

    /// <summary>The SUPPORTED ids, in Glance's order.</summary>
    public IReadOnlyList<string> Supported { get; }

    /// <summary>True when a path whose first segment is <paramref name="segment"/> is the v2 API here (case-sensitive, as Glance).</summary>
    public bool Serves(string segment) => _served.Contains(segment);

    /// <summary>The document as Glance's answer: 200 to <c>/versions</c>, 300 (the choices) to any other path it does not serve.</summary>
    public IResult Result(int statusCode, string baseUrl) => new JsonResult(statusCode, w => Write(w, baseUrl));

    public void Write(Utf8JsonWriter writer, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(writer);
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
