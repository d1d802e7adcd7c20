using System.Collections.Concurrent;
using System.Text.Json;

namespace Glance.Functions.Metadefs;

/// <summary>
/// The ten /v2/schemas/metadefs/* documents, embedded byte for byte as Zed serves them; the request parsers validate
/// bodies against the same documents, so what clients are told and what is checked cannot drift apart.
/// </summary>
public static class MetadefSchemas
{
    private static readonly ConcurrentDictionary<string, byte[]?> Bytes = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, JsonDocument> Documents = new(StringComparer.Ordinal);

    /// <summary>The schema named <paramref name="name"/> as served, or null when there is none.</summary>
    public static byte[]? Find(string name) => Bytes.GetOrAdd(name, Load);

    public static JsonElement Get(string name) =>
        Documents.GetOrAdd(name, n => JsonDocument.Parse(Find(n) ?? throw new ArgumentException($"No metadef schema {n}.", nameof(name)))).RootElement;

    private static byte[]? Load(string name)
    {
        if (!name.All(c => char.IsAsciiLetterLower(c) || c == '_'))
        {
            return null;
        }
        using var stream = typeof(MetadefSchemas).Assembly.GetManifestResourceStream($"Glance.Schemas.metadefs.{name}.json");
        if (stream is null)
        {
            return null;
        }
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
