using System.Text.Json;
using Glance.Domain.Images;

namespace Glance.Functions.Requests;

/// <summary>A JSON value from a request body as the domain's <see cref="AttributeValue"/>, whatever its shape.</summary>
public static class AttributeValues
{
    public static AttributeValue From(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => AttributeValue.Null,
        JsonValueKind.True => AttributeValue.True,
        JsonValueKind.False => AttributeValue.False,
        JsonValueKind.String => AttributeValue.String(value.GetString()!),
        JsonValueKind.Number => AttributeValue.Number(value.GetRawText(), value.TryGetInt64(out var number) ? number : null),
        JsonValueKind.Array => AttributeValue.Array(value.GetRawText(), value.EnumerateArray().Select(From).ToList()),
        _ => AttributeValue.Object(value.GetRawText()),
    };
}
