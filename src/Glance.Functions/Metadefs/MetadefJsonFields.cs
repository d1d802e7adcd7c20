using System.Text.Json;
using Glance.Domain.Errors;
using Glance.Domain.Metadefs;

namespace Glance.Functions.Metadefs;

/// <summary>Reads the members of a metadef body that its schema already checked: what is absent (or null) is null.</summary>
internal static class MetadefJsonFields
{
    public static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static bool? Flag(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    public static List<string>? Strings(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.GetString()!).ToList()
            : null;

    /// <summary>Property definitions keep the JSON the client sent (checked by the schema), as Glance keeps their schema.</summary>
    public static List<MetadefPropertyDefinition> Properties(JsonElement owner) =>
        owner.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            ? properties.EnumerateObject().Select(p => new MetadefPropertyDefinition(p.Name, p.Value.GetRawText())).ToList()
            : [];

    /// <summary>Refuses the first read-only attribute the body names, as Glance's _check_allowed does (403).</summary>
    public static void RefuseReadOnly(JsonElement body, IEnumerable<string> readOnly)
    {
        if (body.ValueKind == JsonValueKind.Object && readOnly.FirstOrDefault(key => body.TryGetProperty(key, out _)) is { } key)
        {
            throw GlanceErrors.AttributeReadOnly(key);
        }
    }
}
