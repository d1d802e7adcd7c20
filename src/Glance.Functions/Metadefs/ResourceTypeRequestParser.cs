using System.Text.Json;
using Glance.Domain.Metadefs;
using static Glance.Functions.Metadefs.MetadefJsonFields;

namespace Glance.Functions.Metadefs;

/// <summary>Reads an association body as Glance's metadef_resource_types RequestDeserializer does: read-only attributes (403), then the schema.</summary>
public static class ResourceTypeRequestParser
{
    private static readonly string[] ReadOnly = ["created_at", "updated_at"];

    public static NewAssociation Parse(JsonElement body)
    {
        RefuseReadOnly(body, ReadOnly);
        // The schema is served as resource_type; its own name, which Glance's message quotes, is resource_type_association.
        MetadefSchemaValidator.Validate("resource_type_association", MetadefSchemas.Get("resource_type"), body);
        return new NewAssociation(body.GetProperty("name").GetString()!, Text(body, "prefix"), Text(body, "properties_target"));
    }
}
