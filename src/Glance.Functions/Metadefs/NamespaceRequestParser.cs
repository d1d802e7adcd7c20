using System.Text.Json;
using Glance.Domain.Errors;
using Glance.Domain.Metadefs;
using static Glance.Functions.Metadefs.MetadefJsonFields;

namespace Glance.Functions.Metadefs;

/// <summary>
/// Reads namespace bodies as Glance's RequestDeserializer does: read-only attributes refused (403), then the namespace
/// schema, then the model. Where Zed's model answers 500 (an object, tag or association without a name) we answer 400
/// in jsonschema's words.
/// </summary>
public static class NamespaceRequestParser
{
    private static readonly string[] ReadOnly = ["self", "schema", "created_at", "updated_at"];

    public static NewNamespace Create(JsonElement body)
    {
        Validate(body);
        return new NewNamespace(
            body.GetProperty("namespace").GetString()!,
            Text(body, "display_name"),
            Text(body, "description"),
            Text(body, "visibility"),
            Flag(body, "protected"),
            Text(body, "owner"))
        {
            Associations = Items(body, "resource_type_associations")
                .Select(a => new NewAssociation(Name(a, "resource_type_associations"), Text(a, "prefix"), Text(a, "properties_target"))).ToList(),
            Objects = Items(body, "objects")
                .Select(o => new NewObject(Name(o, "objects"), Text(o, "description"), Strings(o, "required"), Properties(o))).ToList(),
            Properties = Properties(body),
            Tags = Items(body, "tags").Select(t => Name(t, "tags")).ToList(),
        };
    }

    public static NamespaceReplacement Replace(JsonElement body)
    {
        Validate(body);
        return new NamespaceReplacement(
            body.GetProperty("namespace").GetString()!,
            Text(body, "display_name"),
            Text(body, "description"),
            Text(body, "visibility"),
            Flag(body, "protected"),
            Text(body, "owner"));
    }

    private static void Validate(JsonElement body)
    {
        RefuseReadOnly(body, ReadOnly);
        MetadefSchemaValidator.Validate("namespace", body);
    }

    private static IEnumerable<JsonElement> Items(JsonElement body, string name) =>
        body.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array ? items.EnumerateArray() : [];

    private static string Name(JsonElement item, string collection) =>
        item.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString()!
            : throw GlanceErrors.MetadefSchemaMismatch("namespace", $"'name' is a required property of each of {collection}");
}
