using System.Text.Json;

namespace Glance.Functions.Representation;

/// <summary>The body of an upload-url or download-url response.</summary>
public static class DataUrlRepresentation
{
    public static void Write(Utf8JsonWriter writer, Uri url, DateTimeOffset expiresAt, bool upload)
    {
        writer.WriteStartObject();
        writer.WriteString("url", url.ToString());
        writer.WriteString("expires_at", GlanceTime.Format(expiresAt));
        if (upload)
        {
            // Put Blob needs the blob type; Put Block and Put Block List do not, so any blob tool works.
            writer.WriteStartObject("headers");
            writer.WriteString("x-ms-blob-type", "BlockBlob");
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }
}
