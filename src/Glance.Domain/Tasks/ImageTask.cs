using System.Text.Json;
using Glance.Domain.Importing;

namespace Glance.Domain.Tasks;

/// <summary>
/// A record of work on an image's data (an import, or the validation of an uploaded blob), shown by
/// GET /v2/images/{id}/tasks as Glance 2.12 shows import tasks.
/// </summary>
public sealed record ImageTask(
    string Id,
    string ImageId,
    string Type,
    string Status,
    string? Owner,
    string? User,
    string? RequestId,
    string Input,
    string? Result,
    string? Message,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ExpiresAt)
{
    public const string ImportType = "api_image_import";

    /// <summary>The method name in the input of a task that validates bytes uploaded through an upload URL.</summary>
    public const string UploadUrlMethod = "upload-url";

    /// <summary>The method named in the input (<c>{"method": {"name": ...}}</c>); null when there is none.</summary>
    public string? Method
    {
        get
        {
            try
            {
                using var input = JsonDocument.Parse(Input);
                return input.RootElement.ValueKind == JsonValueKind.Object
                    && input.RootElement.TryGetProperty("method", out var method) && method.ValueKind == JsonValueKind.Object
                    && method.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                    ? name.GetString()
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// True when the task only reads bytes that were complete and sealed before it started (the validation of an
    /// upload URL's blob, a glance-direct import), so that another task can run it again from the start.
    /// </summary>
    public bool CanRunAgain => Method is UploadUrlMethod or ImportRequest.GlanceDirect;

    public static ImageTask Start(string imageId, string input, Identity.Caller caller, string? requestId, DateTimeOffset now) =>
        new(Guid.NewGuid().ToString(), imageId, ImportType, "processing", caller.ProjectId, caller.UserId, requestId, input, null, null, now, now, null);

    public ImageTask Succeed(string message, DateTimeOffset now) =>
        this with { Status = "success", Message = message, Result = "{\"image_id\": \"" + ImageId + "\"}", UpdatedAt = now, ExpiresAt = now.AddHours(48) };

    public ImageTask Fail(string message, DateTimeOffset now) =>
        this with { Status = "failure", Message = message, UpdatedAt = now, ExpiresAt = now.AddHours(48) };
}
