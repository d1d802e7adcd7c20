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

    public static ImageTask Start(string imageId, string input, Identity.Caller caller, string? requestId, DateTimeOffset now) =>
        new(Guid.NewGuid().ToString(), imageId, ImportType, "processing", caller.ProjectId, caller.UserId, requestId, input, null, null, now, now, null);

    public ImageTask Succeed(string message, DateTimeOffset now) =>
        this with { Status = "success", Message = message, Result = "{\"image_id\": \"" + ImageId + "\"}", UpdatedAt = now, ExpiresAt = now.AddHours(48) };

    public ImageTask Fail(string message, DateTimeOffset now) =>
        this with { Status = "failure", Message = message, UpdatedAt = now, ExpiresAt = now.AddHours(48) };
}
