using System.Text.Json;
using Glance.Domain.Metadefs;

namespace Glance.Functions.Metadefs;

/// <summary>
/// Property definitions as Glance shows them (wsme's PropertyType): one with its name, whatever the stored body says;
/// a list as a dictionary of the stored bodies by name.
/// </summary>
public static class PropertyRepresentation
{
    public static void Write(Utf8JsonWriter writer, MetadefPropertyDefinition property) =>
        ObjectRepresentation.WriteDefinition(writer, property.SchemaJson, property.Name);

    public static void WriteList(Utf8JsonWriter writer, IReadOnlyList<MetadefPropertyDefinition> properties)
    {
        writer.WriteStartObject();
        ObjectRepresentation.WriteProperties(writer, "properties", properties, prefix: null);
        writer.WriteEndObject();
    }
}
