using System.Text.Json;
using Glance.Domain.Metadefs;
using static Glance.Functions.Metadefs.MetadefJsonFields;

namespace Glance.Functions.Metadefs;

/// <summary>Reads object bodies as Glance's metadef_objects RequestDeserializer does: read-only attributes (403), then the object schema.</summary>
public static class ObjectRequestParser
{
    private static readonly string[] ReadOnly = ["self", "schema", "created_at", "updated_at"];

    /// <summary>POST /objects and PUT /objects/{name} alike: PUT replaces every attribute with the body's.</summary>
    public static NewObject Parse(JsonElement body)
    {
        RefuseReadOnly(body, ReadOnly);
        MetadefSchemaValidator.Validate("object", body);
        return new NewObject(body.GetProperty("name").GetString()!, Text(body, "description"), Strings(body, "required"), Properties(body));
    }

    public static ObjectEcho Echo(JsonElement body) => new(body.TryGetProperty("properties", out _));
}
