using System.Text.Json;
using Glance.Domain.Metadefs;
using Glance.Functions.Representation;

namespace Glance.Functions.Metadefs;

/// <summary>Resource types and associations as Glance shows them (wsme's ResourceType and ResourceTypeAssociation): unset attributes left out.</summary>
public static class ResourceTypeRepresentation
{
    public static void WriteList(Utf8JsonWriter writer, IReadOnlyList<ResourceType> types)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("resource_types");
        foreach (var type in types)
        {
            writer.WriteStartObject();
            writer.WriteString("name", type.Name);
            writer.WriteString("created_at", GlanceTime.Format(type.CreatedAt));
            MetadefTimes.WriteUpdated(writer, type.UpdatedAt);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WriteAssociations(Utf8JsonWriter writer, IReadOnlyList<ResourceTypeAssociation> associations)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("resource_type_associations");
        foreach (var association in associations)
        {
            Write(writer, association);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter writer, ResourceTypeAssociation association)
    {
        writer.WriteStartObject();
        writer.WriteString("name", association.Name);
        if (association.Prefix is not null)
        {
            writer.WriteString("prefix", association.Prefix);
        }
        if (association.PropertiesTarget is not null)
        {
            writer.WriteString("properties_target", association.PropertiesTarget);
        }
        writer.WriteString("created_at", GlanceTime.Format(association.CreatedAt));
        MetadefTimes.WriteUpdated(writer, association.UpdatedAt);
        writer.WriteEndObject();
    }
}
