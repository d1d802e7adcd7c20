using System.Text.Json;
using Glance.Domain.Errors;
using Glance.Domain.Metadefs;

namespace Glance.Functions.Metadefs;

/// <summary>
/// Reads a folder of Glance's metadef JSON files (or one file), each a namespace in the shape a create takes, checked
/// as a create is. A file that is not JSON or breaks the schema is reported and left out, as glance-manage leaves out
/// one it cannot parse.
/// </summary>
public static class MetadefCatalogueFiles
{
    public static (IReadOnlyList<NewNamespace> Namespaces, IReadOnlyList<string> Refused) Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var files = File.Exists(path) ? [path] : Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).ToArray();
        var namespaces = new List<NewNamespace>();
        var refused = new List<string>();
        foreach (var file in files)
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(file));
                namespaces.Add(NamespaceRequestParser.Create(document.RootElement));
            }
            catch (Exception e) when (e is JsonException or GlanceException)
            {
                refused.Add($"{Path.GetFileName(file)}: {e.Message}");
            }
        }
        return (namespaces, refused);
    }
}
