using System.Collections.Concurrent;
using System.Text.Json;

namespace Glance.Functions.Metadefs;

/// <summary>
/// The ten /v2/schemas/metadefs/* documents, embedded byte for byte as Zed serves them; the request parsers validate
/// bodies against the same documents, so what clients are told and what is checked cannot drift apart. Glance checks
/// one body against a schema it does not serve (bulk tags); that one is kept apart, where the route cannot reach it.
/// </summary>
public static class MetadefSchemas
{
    private static readonly ConcurrentDictionary<string, byte[]?> Bytes = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, JsonDocument> Documents = new(StringComparer.Ordinal);

    /// <summary>The schema named <paramref name="name"/> as served, or null when there is none.</summary>
    public static byte[]? Find(string name) =>
        name.All(c => char.IsAsciiLetterLower(c) || c == '_') ? Bytes.GetOrAdd("metadefs." + name, Load) : null;

    public static JsonElement Get(string name) => Parsed("metadefs." + name, Find(name));

    /// <summary>A body schema Glance checks but does not serve.</summary>
    public static JsonElement Request(string name) => Parsed("metadefs-requests." + name, Bytes.GetOrAdd("metadefs-requests." + name, Load));

    private static JsonElement Parsed(string resource, byte[]? bytes) =>
        Documents.GetOrAdd(resource, r => JsonDocument.Parse(bytes ?? throw new ArgumentException($"No metadef schema {r}.", nameof(resource)))).RootElement;

    private static byte[]? Load(string resource)
    {
        using var stream = typeof(MetadefSchemas).Assembly.GetManifestResourceStream($"Glance.Schemas.{resource}.json");
        if (stream is null)
        {
            return null;
        }
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
