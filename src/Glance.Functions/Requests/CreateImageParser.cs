using System.Text.Json;
using Glance.Domain.Application;
using Glance.Domain.Errors;
using Glance.Functions.Http;

namespace Glance.Functions.Requests;

/// <summary>The body of POST /v2/images: a JSON object whose members are the attributes to set, in order.</summary>
public static class CreateImageParser
{
    public static CreateImage Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw body.ValueKind == JsonValueKind.Array ? GlanceErrors.SchemaNotObject() : HttpErrors.UnexpectedBodyType();
        }
        return new CreateImage(body.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, AttributeValues.From(p.Value))).ToList());
    }
}
