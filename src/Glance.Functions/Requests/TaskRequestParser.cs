using System.Text.Json;
using Glance.Functions.Http;

namespace Glance.Functions.Requests;

/// <summary>POST /v2/tasks's body as Glance checks it: 'type' and 'input' present, then the task schema's type and input.</summary>
public static class TaskRequestParser
{
    private static readonly string[] Types = ["import", "api_image_import"];

    public static void Validate(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw HttpErrors.TaskBodyNotAnObject();
        }
        foreach (var field in new[] { "type", "input" })
        {
            if (!body.TryGetProperty(field, out _))
            {
                throw HttpErrors.TaskFieldRequired(field);
            }
        }
        var type = body.GetProperty("type");
        if (type.ValueKind != JsonValueKind.String || !Types.Contains(type.GetString()))
        {
            throw HttpErrors.TaskTypeInvalid(type.ValueKind == JsonValueKind.String ? type.GetString()! : type.GetRawText());
        }
        if (body.GetProperty("input").ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            throw HttpErrors.TaskInputNotAnObject();
        }
    }
}
