using System.Text.Json;
using Glance.Domain.Metadefs;
using Glance.Functions.Representation;

namespace Glance.Functions.Metadefs;

/// <summary>Tags as Glance shows them (wsme's MetadefTag): one with its times, a list or a bulk create with names only.</summary>
public static class TagRepresentation
{
    public static void Write(Utf8JsonWriter writer, MetadefTag tag)
    {
        writer.WriteStartObject();
        writer.WriteString("name", tag.Name);
        writer.WriteString("created_at", GlanceTime.Format(tag.CreatedAt));
        MetadefTimes.WriteUpdated(writer, tag.UpdatedAt);
        writer.WriteEndObject();
    }

    public static void WriteNames(Utf8JsonWriter writer, IReadOnlyList<MetadefTag> tags)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("tags");
        foreach (var tag in tags)
        {
            writer.WriteStartObject();
            writer.WriteString("name", tag.Name);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
