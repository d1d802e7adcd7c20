using System.Text.Json;
using Glance.Functions.Representation;
using Glance.Domain.Metadefs;

namespace Glance.Functions.Metadefs;

/// <summary>Objects as Glance shows them (wsme's MetadefObject), alone, listed, or inside their namespace.</summary>
public static class ObjectRepresentation
{
    public static string SelfLink(string ns, string name) => $"{NamespaceRepresentation.SelfLink(ns)}/objects/{name}";

    /// <summary>Zed's object list names its schema without the leading slash.</summary>
    public static void WriteList(Utf8JsonWriter writer, string ns, IReadOnlyList<MetadefObject> objects)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("objects");
        foreach (var obj in objects)
        {
            Write(writer, ns, obj);
        }
        writer.WriteEndArray();
        writer.WriteString("schema", "v2/schemas/metadefs/objects");
        writer.WriteEndObject();
    }

    /// <param name="created">A namespace's create echoes its objects without their times and links.</param>
    /// <param name="prefix">The prefix of the resource type the client asked for, put before property names.</param>
    /// <param name="echo">
    /// What a create or update answers is the request's object, not what the database gives back: without the
    /// required names or properties the request left out (stored, they read back as empty).
    /// </param>
    public static void Write(Utf8JsonWriter writer, string ns, MetadefObject obj, bool created = false, string? prefix = null, ObjectEcho? echo = null)
    {
        var asGiven = created || echo is not null;
        writer.WriteStartObject();
        writer.WriteString("name", obj.Name);
        if (obj.Description is not null)
        {
            writer.WriteString("description", obj.Description);
        }
        if (obj.Required is { Count: > 0 } required)
        {
            writer.WriteStartArray("required");
            foreach (var name in required)
            {
                writer.WriteStringValue(prefix + name);
            }
            writer.WriteEndArray();
        }
        else if (obj.Required is not null || !asGiven)
        {
            writer.WriteStartArray("required");
            writer.WriteEndArray();
        }
        if (echo is not { PropertiesGiven: false })
        {
            WriteProperties(writer, "properties", obj.Properties, prefix);
        }
        if (!created)
        {
            writer.WriteString("created_at", GlanceTime.Format(obj.CreatedAt));
            MetadefTimes.WriteUpdated(writer, obj.UpdatedAt);
            writer.WriteString("self", SelfLink(ns, obj.Name));
            writer.WriteString("schema", "/v2/schemas/metadefs/object");
        }
        writer.WriteEndObject();
    }

    public static void WriteProperties(Utf8JsonWriter writer, string name, IReadOnlyList<MetadefPropertyDefinition> properties, string? prefix)
    {
        writer.WriteStartObject(name);
        foreach (var property in properties)
        {
            writer.WritePropertyName(prefix + property.Name);
            WriteDefinition(writer, property.SchemaJson, name: null);
        }
        writer.WriteEndObject();
    }

    /// <summary>
    /// A definition as wsme's PropertyType gives it back: a numeric default as text (the field is bytes), and with
    /// <paramref name="name"/> the name put first in place of whatever the stored body said.
    /// </summary>
    public static void WriteDefinition(Utf8JsonWriter writer, string schemaJson, string? name)
    {
        using var schema = JsonDocument.Parse(schemaJson);
        writer.WriteStartObject();
        if (name is not null)
        {
            writer.WriteString("name", name);
        }
        foreach (var member in schema.RootElement.EnumerateObject().Where(m => name is null || m.Name != "name"))
        {
            if (member.Name == "default" && member.Value.ValueKind == JsonValueKind.Number)
            {
                writer.WriteString("default", member.Value.GetRawText());
            }
            else
            {
                member.WriteTo(writer);
            }
        }
        writer.WriteEndObject();
    }
}
