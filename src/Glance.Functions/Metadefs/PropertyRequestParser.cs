using System.Text.Json;
using Glance.Domain.Metadefs;
using static Glance.Functions.Metadefs.MetadefJsonFields;

namespace Glance.Functions.Metadefs;

/// <summary>
/// Reads property bodies as Glance's metadef_properties RequestDeserializer does: read-only attributes (403), then the
/// property schema (type, enum, minimum, maximum, pattern, items ... are checked there). The definition is the body.
/// </summary>
public static class PropertyRequestParser
{
    private static readonly string[] ReadOnly = ["created_at", "updated_at"];

    public static MetadefPropertyDefinition Parse(JsonElement body)
    {
        RefuseReadOnly(body, ReadOnly);
        MetadefSchemaValidator.Validate("property", body);
        return new MetadefPropertyDefinition(body.GetProperty("name").GetString()!, body.GetRawText());
    }
}
