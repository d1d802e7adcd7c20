using System.Text.Json;
using Glance.Domain.Errors;

namespace Glance.Functions.Metadefs;

/// <summary>Reads tag bodies as Glance's metadef_tags RequestDeserializer does: read-only attributes refused (403), then the schema.</summary>
public static class TagRequestParser
{
    private static readonly string[] ReadOnly = ["created_at", "updated_at"];

    /// <summary>POST /tags/{name}: the name from the path, checked against the tag schema.</summary>
    public static string Name(string name)
    {
        using var body = JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, string> { ["name"] = name }, MetadefJsonContext.Default.DictionaryStringString));
        MetadefSchemaValidator.Validate("tag", body.RootElement);
        return name;
    }

    /// <summary>PUT /tags/{name}: the new name.</summary>
    public static string Rename(JsonElement body)
    {
        MetadefJsonFields.RefuseReadOnly(body, ReadOnly);
        MetadefSchemaValidator.Validate("tag", body);
        return body.GetProperty("name").GetString()!;
    }

    /// <summary>
    /// POST /tags: the names, in order. Zed answers 500 to a body without <c>tags</c>; here the request schema
    /// requires it (400).
    /// </summary>
    public static IReadOnlyList<string> Many(JsonElement body)
    {
        MetadefJsonFields.RefuseReadOnly(body, ReadOnly);
        MetadefSchemaValidator.Validate("tags", MetadefSchemas.Request("tags"), body);
        return body.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToList();
    }

    /// <summary>X-Openstack-Append, read as oslo's bool_from_string: anything but its true words is false.</summary>
    public static bool Append(string? header) =>
        header?.Trim().ToLowerInvariant() is "1" or "t" or "true" or "on" or "y" or "yes";

}
