using System.Text.Json;
using Glance.Domain.Events;
using static Glance.Storage.Events.EventPayloadJson;

namespace Glance.Storage.Events;

/// <summary>
/// Writes metadef notification payloads as Glance's format_metadef_*_notification functions build them, key for key
/// and in their order (the extra keys an update or delete sets replace values already in the dictionary).
/// </summary>
internal static class MetadefPayloadJson
{
    /// <summary>The definition fields Glance's property and object payloads name, in their order.</summary>
    private static readonly string[] DefinitionFields =
    [
        "type", "title", "description", "default", "minimum", "maximum", "enum", "pattern", "minLength", "maxLength", "confidential", "items",
        "uniqueItems", "minItems", "maxItems", "additionalItems",
    ];

    public static void Write(Utf8JsonWriter w, EventPayload payload)
    {
        w.WriteStartObject();
        switch (payload)
        {
            case EventPayload.NamespaceState state: WriteNamespace(w, state); break;
            case EventPayload.ObjectState state: WriteObject(w, state); break;
            case EventPayload.PropertyState state: WriteProperty(w, state); break;
            case EventPayload.TagState state: WriteTag(w, state); break;
            case EventPayload.AssociationState state: WriteAssociation(w, state); break;
            default: throw new ArgumentOutOfRangeException(nameof(payload), payload.GetType().Name, "Not a metadef payload.");
        }
        w.WriteEndObject();
    }

    private static void WriteNamespace(Utf8JsonWriter w, EventPayload.NamespaceState state)
    {
        var ns = state.Namespace;
        w.WriteString("namespace", ns.Name);
        w.WriteString("namespace_old", state.OldName);
        w.WriteString("display_name", ns.DisplayName);
        w.WriteBoolean("protected", ns.Protected);
        w.WriteString("visibility", ns.Visibility);
        w.WriteString("owner", ns.Owner);
        w.WriteString("description", ns.Description);
        WriteTimes(w, ns.CreatedAt, ns.UpdatedAt, state.DeletedAt);
    }

    private static void WriteObject(Utf8JsonWriter w, EventPayload.ObjectState state)
    {
        var o = state.Object;
        WriteNames(w, state.Namespace, o.Name, state.OldName);
        w.WriteStartArray("properties");
        foreach (var property in o.Properties)
        {
            // _format_metadef_object_property: every field "or None", so false, 0, "" and [] are null too.
            w.WriteStartObject();
            w.WriteString("name", property.Name);
            WriteDefinition(w, property.SchemaJson, falsyAsNull: true);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (o.Required is { } required)
        {
            w.WriteStartArray("required");
            foreach (var name in required)
            {
                w.WriteStringValue(name);
            }
            w.WriteEndArray();
        }
        else
        {
            w.WriteNull("required");
        }
        w.WriteString("description", o.Description);
        WriteTimes(w, o.CreatedAt, o.UpdatedAt, state.DeletedAt);
    }

    private static void WriteProperty(Utf8JsonWriter w, EventPayload.PropertyState state)
    {
        WriteNames(w, state.Namespace, state.Property.Name, state.OldName);
        WriteDefinition(w, state.Property.SchemaJson, falsyAsNull: false);
        WriteDeleted(w, state.DeletedAt);
    }

    private static void WriteTag(Utf8JsonWriter w, EventPayload.TagState state)
    {
        WriteNames(w, state.Namespace, state.Tag.Name, state.OldName);
        WriteTimes(w, state.Tag.CreatedAt, state.Tag.UpdatedAt, state.DeletedAt);
    }

    private static void WriteAssociation(Utf8JsonWriter w, EventPayload.AssociationState state)
    {
        var a = state.Association;
        // An association has no rename: its old name is its name.
        WriteNames(w, state.Namespace, a.Name, a.Name);
        w.WriteString("prefix", a.Prefix);
        w.WriteString("properties_target", a.PropertiesTarget);
        WriteTimes(w, a.CreatedAt, a.UpdatedAt, state.DeletedAt);
    }

    private static void WriteNames(Utf8JsonWriter w, string ns, string name, string oldName)
    {
        w.WriteString("namespace", ns);
        w.WriteString("name", name);
        w.WriteString("name_old", oldName);
    }

    private static void WriteTimes(Utf8JsonWriter w, DateTimeOffset createdAt, DateTimeOffset updatedAt, DateTimeOffset? deletedAt)
    {
        w.WriteString("created_at", Time(createdAt));
        w.WriteString("updated_at", Time(updatedAt));
        WriteDeleted(w, deletedAt);
    }

    private static void WriteDeleted(Utf8JsonWriter w, DateTimeOffset? deletedAt)
    {
        w.WriteBoolean("deleted", deletedAt is not null);
        w.WriteString("deleted_at", deletedAt is { } at ? Time(at) : null);
    }

    /// <summary>
    /// The named fields of a stored definition, null where it has none. A numeric default is text, as wsme stores it
    /// (the field is bytes).
    /// </summary>
    private static void WriteDefinition(Utf8JsonWriter w, string schemaJson, bool falsyAsNull)
    {
        using var schema = JsonDocument.Parse(schemaJson);
        foreach (var field in DefinitionFields)
        {
            var found = schema.RootElement.TryGetProperty(field, out var value);
            var asText = found && field == "default" && value.ValueKind == JsonValueKind.Number;
            if (!found || (falsyAsNull && !asText && IsFalsy(value)))
            {
                w.WriteNull(field);
            }
            else if (asText)
            {
                w.WriteString(field, value.GetRawText());
            }
            else
            {
                w.WritePropertyName(field);
                value.WriteTo(w);
            }
        }
    }

    /// <summary>Python's falsy values among JSON's.</summary>
    private static bool IsFalsy(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.False => true,
        JsonValueKind.Number => value.GetDouble() == 0,
        JsonValueKind.String => value.GetString()!.Length == 0,
        JsonValueKind.Array => value.GetArrayLength() == 0,
        _ => false,
    };
}
