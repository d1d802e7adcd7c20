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
    ImageTaskInput Input,
    string? Result,
    string? Message,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ExpiresAt)
{
    public const string ImportType = "api_image_import";

    /// <summary>Glance 2.17's task for POST /v2/images/{id}/locations: the data at the location read, hashed and judged.</summary>
    public const string LocationImportType = "location_import";

    /// <summary>Glance's task statuses: pending until a worker begins it, then processing, then success or failure.</summary>
    public const string Pending = "pending";
    public const string Processing = "processing";
    public const string Success = "success";
    public const string Failure = "failure";

    /// <summary>The method name in the input of a task that validates bytes uploaded through an upload URL.</summary>
    public const string UploadUrlMethod = "upload-url";

    /// <summary>The method named in the input; null when there is none.</summary>
    public string? Method => Input.Method;

    /// <summary>The web-download URI named in the input (redacted when it was recorded); null when there is none.</summary>
    public Uri? Uri => Input.Uri is { } text && System.Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;

    /// <summary>Success or failure: nothing will run it again.</summary>
    public bool IsFinished => Status is Success or Failure;

    /// <summary>
    /// True when the task only reads bytes that were complete and sealed before it started (the validation of an
    /// upload URL's blob, a glance-direct import), so that another task can run it again from the start.
    /// </summary>
    public bool CanRunAgain => Method is UploadUrlMethod or ImportRequest.GlanceDirect;

    public static ImageTask Start(string imageId, ImageTaskInput input, Identity.Caller caller, string? requestId, DateTimeOffset now) =>
        new(Guid.NewGuid().ToString(), imageId, ImportType, Processing, caller.ProjectId, caller.UserId, requestId, input, null, null, now, now, null);

    /// <summary>A task recorded when its import is accepted, before any worker has begun it (Glance's pending).</summary>
    public static ImageTask Accept(string imageId, ImageTaskInput input, Identity.Caller caller, string? requestId, DateTimeOffset now) =>
        Start(imageId, input, caller, requestId, now) with { Status = Pending };

    /// <summary>A location import accepted (pending), its URL and validation data in <paramref name="input"/>.</summary>
    public static ImageTask AcceptLocation(string imageId, ImageTaskInput input, Identity.Caller caller, string? requestId, DateTimeOffset now) =>
        Accept(imageId, input, caller, requestId, now) with { Type = LocationImportType };

    /// <summary>pending → processing: a worker has taken the task.</summary>
    public ImageTask Begin(DateTimeOffset now) => this with { Status = Processing, UpdatedAt = now };

    /// <summary>How far the work has got, in the task's message (Glance reports "Copied 15 MiB" there).</summary>
    public ImageTask Progress(string message, DateTimeOffset now) => this with { Message = message, UpdatedAt = now };

    public ImageTask Succeed(string message, DateTimeOffset now) =>
        this with { Status = Success, Message = message, Result = "{\"image_id\": \"" + ImageId + "\"}", UpdatedAt = now, ExpiresAt = now.AddHours(48) };

    public ImageTask Fail(string message, DateTimeOffset now) =>
        this with { Status = Failure, Message = message, UpdatedAt = now, ExpiresAt = now.AddHours(48) };
}
