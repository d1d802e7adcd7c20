using System.Text.Json;
using Glance.Domain.Tasks;

namespace Glance.Functions.Representation;

/// <summary>
/// A task as GET /v2/tasks/{id} shows it (every field, in Glance's order), and as GET /v2/tasks lists it (the stub:
/// no input, result or message). The input has the shape of Glance's api_image_import input, with a web-download
/// URI redacted as everywhere else.
/// </summary>
public static class TaskRepresentation
{
    public static void Write(Utf8JsonWriter writer, ImageTask task)
    {
        writer.WriteStartObject();
        writer.WriteString("id", task.Id);
        WriteInput(writer, task);
        writer.WriteString("type", task.Type);
        writer.WriteString("status", task.Status);
        writer.WriteString("owner", task.Owner);
        writer.WriteString("message", task.Message ?? "");
        WriteResult(writer, task);
        writer.WriteString("created_at", GlanceTime.Format(task.CreatedAt));
        writer.WriteString("updated_at", GlanceTime.Format(task.UpdatedAt));
        WriteLinks(writer, task);
        writer.WriteString("image_id", task.ImageId);
        if (task.RequestId is not null)
        {
            writer.WriteString("request_id", task.RequestId);
        }
        if (task.User is not null)
        {
            writer.WriteString("user_id", task.User);
        }
        WriteExpiry(writer, task);
        writer.WriteEndObject();
    }

    public static void WriteStub(Utf8JsonWriter writer, ImageTask task)
    {
        writer.WriteStartObject();
        writer.WriteString("id", task.Id);
        writer.WriteString("type", task.Type);
        writer.WriteString("status", task.Status);
        writer.WriteString("owner", task.Owner);
        writer.WriteString("created_at", GlanceTime.Format(task.CreatedAt));
        writer.WriteString("updated_at", GlanceTime.Format(task.UpdatedAt));
        WriteLinks(writer, task);
        WriteExpiry(writer, task);
        writer.WriteEndObject();
    }

    public static void WritePage(Utf8JsonWriter writer, TaskPage page, IReadOnlyList<KeyValuePair<string, string>> queryWithoutMarker)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("tasks");
        foreach (var task in page.Tasks)
        {
            WriteStub(writer, task);
        }
        writer.WriteEndArray();
        writer.WriteString("first", ListLinks.Build("/v2/tasks", queryWithoutMarker));
        writer.WriteString("schema", "/v2/schemas/tasks");
        if (page.IsFull)
        {
            writer.WriteString("next", ListLinks.Build("/v2/tasks", [.. queryWithoutMarker, new("marker", page.Tasks[^1].Id)]));
        }
        writer.WriteEndObject();
    }

    public static string Location(ImageTask task) => "/v2/tasks/" + task.Id;

    private static void WriteLinks(Utf8JsonWriter writer, ImageTask task)
    {
        writer.WriteString("self", Location(task));
        writer.WriteString("schema", "/v2/schemas/task");
    }

    private static void WriteExpiry(Utf8JsonWriter writer, ImageTask task)
    {
        if (task.ExpiresAt is { } expires)
        {
            writer.WriteString("expires_at", GlanceTime.Format(expires));
        }
    }

    private static void WriteInput(Utf8JsonWriter writer, ImageTask task)
    {
        writer.WriteStartObject("input");
        writer.WriteString("image_id", task.ImageId);
        if (task.Input.LocationUrl is not null)
        {
            WriteLocation(writer, task.Input);
            writer.WriteEndObject();
            return;
        }
        writer.WriteStartObject("import_req");
        WriteMethod(writer, task.Input.Redacted());
        writer.WriteEndObject();
        if (task.Input.Stores is { } stores)
        {
            // Glance's task input names the stores the import goes to as "backend".
            writer.WriteStartArray("backend");
            foreach (var store in stores)
            {
                writer.WriteStringValue(store);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    /// <summary>
    /// What an image's task list shows of the input: the import method, or a location import's <c>loc_url</c> and
    /// <c>validation_data</c> as Glance records them.
    /// </summary>
    public static void WriteInputFields(Utf8JsonWriter writer, ImageTaskInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.LocationUrl is not null)
        {
            WriteLocation(writer, input);
            return;
        }
        WriteMethod(writer, input);
    }

    private static void WriteLocation(Utf8JsonWriter writer, ImageTaskInput input)
    {
        writer.WriteString("loc_url", input.LocationUrl);
        writer.WriteStartObject("validation_data");
        if (input.ValidationData is { } declared)
        {
            WriteIfSet(writer, "checksum", declared.Checksum);
            WriteIfSet(writer, "os_hash_algo", declared.OsHashAlgo);
            WriteIfSet(writer, "os_hash_value", declared.OsHashValue);
        }
        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>The import method a task's input names, <c>"method": {"name", "uri"}</c>, when it names one.</summary>
    public static void WriteMethod(Utf8JsonWriter writer, ImageTaskInput input)
    {
        if (input.Method is null && input.Uri is null)
        {
            return;
        }
        writer.WriteStartObject("method");
        if (input.Method is not null)
        {
            writer.WriteString("name", input.Method);
        }
        if (input.Uri is not null)
        {
            writer.WriteString("uri", input.Uri);
        }
        writer.WriteEndObject();
    }

    /// <summary>The task's result, a JSON object recorded as text, or null.</summary>
    public static void WriteResult(Utf8JsonWriter writer, ImageTask task)
    {
        writer.WritePropertyName("result");
        if (task.Result is null)
        {
            writer.WriteNullValue();
            return;
        }
        using var result = JsonDocument.Parse(task.Result);
        result.RootElement.WriteTo(writer);
    }
}
