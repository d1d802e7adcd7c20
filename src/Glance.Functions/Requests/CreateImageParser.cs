using System.Text.Json;
using Glance.Domain.Application;
using Glance.Domain.Errors;

namespace Glance.Functions.Requests;

/// <summary>The body of POST /v2/images: a JSON object whose members are the attributes to set, in order.</summary>
public static class CreateImageParser
{
    public static CreateImage Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw GlanceException.BadRequest(body.ValueKind == JsonValueKind.Array
                ? "Provided object does not match schema 'image': the body is not of type 'object'"
                : "Unexpected body type. Expected list/dict.");
        }
        return new CreateImage(body.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, AttributeValues.From(p.Value))).ToList());
    }
}
