using Glance.Domain.Images;
using Glance.Domain.Members;
using Glance.Domain.Tasks;

namespace Glance.Domain.Events;

/// <summary>
/// Glance's notification vocabulary (glance/notifier.py): each event's type, priority and payload. Payloads never
/// carry locations, blob URLs or SAS tokens.
/// </summary>
public static class ImageEvents
{
    public static ImageEvent Create(Image image, DateTimeOffset now) => Of("image.create", image, now);
    public static ImageEvent Update(Image image, DateTimeOffset now) => Of("image.update", image, now);
    public static ImageEvent Delete(Image image, DateTimeOffset now) => Of("image.delete", image, now);

    /// <summary>Ours, not Glance's: an image's os_deprecated turned true, or back.</summary>
    public static ImageEvent Deprecate(Image image, DateTimeOffset now) => Of("image.deprecate", image, now);
    public static ImageEvent Undeprecate(Image image, DateTimeOffset now) => Of("image.undeprecate", image, now);

    /// <summary>Ours, not Glance's: a deleted image came back within its retention window.</summary>
    public static ImageEvent Restore(Image image, DateTimeOffset now) => Of("image.restore", image, now);
    public static ImageEvent Prepare(Image image, DateTimeOffset now) => Of("image.prepare", image, now, withImportLists: true);
    public static ImageEvent Upload(Image image, DateTimeOffset now) => Of("image.upload", image, now, withImportLists: true);
    public static ImageEvent Activate(Image image, DateTimeOffset now) => Of("image.activate", image, now);

    /// <summary>Glance sends a failed upload at ERROR priority with a plain-text message as the payload.</summary>
    public static ImageEvent UploadFailed(string imageId, string reason, DateTimeOffset now) =>
        new(Guid.NewGuid().ToString(), "image.upload", imageId, now, new EventPayload.Failure(reason), "ERROR");

    /// <summary>The end of a download the service served, or (bytes_sent null) a download URL issued.</summary>
    public static ImageEvent Send(Image image, long? bytesSent, string? receiverProject, string? receiverUser, DateTimeOffset now, bool complete = true) =>
        new(Guid.NewGuid().ToString(), "image.send", image.Id, now,
            new EventPayload.DataSent(image.Id, image.Owner, bytesSent, receiverProject, receiverUser), complete ? "INFO" : "ERROR");

    public static ImageEvent MemberCreate(ImageMember member, DateTimeOffset now) => Member("image.member.create", member, now, deleted: false);
    public static ImageEvent MemberUpdate(ImageMember member, DateTimeOffset now) => Member("image.member.update", member, now, deleted: false);
    public static ImageEvent MemberDelete(ImageMember member, DateTimeOffset now) => Member("image.member.delete", member, now, deleted: true);

    /// <summary>task.create, task.run, task.processing, task.success, task.failure.</summary>
    public static ImageEvent Task(string type, ImageTask task, DateTimeOffset now) =>
        new(Guid.NewGuid().ToString(), type, task.ImageId, now, new EventPayload.TaskState(task), type == "task.failure" ? "ERROR" : "INFO");

    // The image is captured now: it may change again before the event is written.
    private static ImageEvent Of(string type, Image image, DateTimeOffset now, bool withImportLists = false) =>
        new(Guid.NewGuid().ToString(), type, image.Id, now, new EventPayload.ImageState(image.ToSnapshot(), withImportLists));

    private static ImageEvent Member(string type, ImageMember member, DateTimeOffset now, bool deleted) =>
        new(Guid.NewGuid().ToString(), type, member.ImageId, now, new EventPayload.Membership(member, deleted ? now : null));
}
