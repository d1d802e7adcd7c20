using System.Text.Json;
using Glance.Domain.Images;
using Glance.Domain.Members;
using Glance.Domain.Representation;
using Glance.Domain.Tasks;

namespace Glance.Domain.Events;

/// <summary>
/// Glance's notification vocabulary and payloads (glance/notifier.py). Payloads never carry locations, blob URLs
/// or SAS tokens.
/// </summary>
public static class ImageEvents
{
    public static ImageEvent Create(Image image, DateTimeOffset now) => Of("image.create", image, now);
    public static ImageEvent Update(Image image, DateTimeOffset now) => Of("image.update", image, now);
    public static ImageEvent Delete(Image image, DateTimeOffset now) => Of("image.delete", image, now);
    public static ImageEvent Prepare(Image image, DateTimeOffset now) => Of("image.prepare", image, now, withImportLists: true);
    public static ImageEvent Upload(Image image, DateTimeOffset now) => Of("image.upload", image, now, withImportLists: true);
    public static ImageEvent Activate(Image image, DateTimeOffset now) => Of("image.activate", image, now);

    /// <summary>Glance sends a failed upload at ERROR priority with a plain-text message as the payload.</summary>
    public static ImageEvent UploadFailed(string imageId, string reason, DateTimeOffset now) =>
        new(Guid.NewGuid().ToString(), "image.upload", imageId, now, JsonSerializer.Serialize(reason), "ERROR");

    /// <summary>The end of a download the service served, or (bytes_sent null) a download URL issued.</summary>
    public static ImageEvent Send(Image image, long? bytesSent, string? receiverProject, string? receiverUser, DateTimeOffset now, bool complete = true) =>
        new(Guid.NewGuid().ToString(), "image.send", image.Id, now, Json(w =>
        {
            if (bytesSent is { } sent)
            {
                w.WriteNumber("bytes_sent", sent);
            }
            else
            {
                w.WriteNull("bytes_sent");
                w.WriteBoolean("download_url_issued", true);
            }
            w.WriteString("image_id", image.Id);
            w.WriteString("owner_id", image.Owner);
            w.WriteString("receiver_tenant_id", receiverProject);
            w.WriteString("receiver_user_id", receiverUser);
        }), complete ? "INFO" : "ERROR");

    public static ImageEvent MemberCreate(ImageMember member, DateTimeOffset now) => Member("image.member.create", member, now, deleted: false);
    public static ImageEvent MemberUpdate(ImageMember member, DateTimeOffset now) => Member("image.member.update", member, now, deleted: false);
    public static ImageEvent MemberDelete(ImageMember member, DateTimeOffset now) => Member("image.member.delete", member, now, deleted: true);

    /// <summary>task.create, task.run, task.processing, task.success, task.failure.</summary>
    public static ImageEvent Task(string type, ImageTask task, DateTimeOffset now) =>
        new(Guid.NewGuid().ToString(), type, task.ImageId, now, Json(w =>
        {
            w.WriteString("id", task.Id);
            w.WriteString("type", task.Type);
            w.WriteString("status", task.Status);
            w.WriteNull("result");
            w.WriteString("owner", task.Owner);
            w.WriteString("message", task.Message);
            w.WriteString("expires_at", task.ExpiresAt is { } e ? GlanceTime.Format(e) : null);
            w.WriteString("created_at", GlanceTime.Format(task.CreatedAt));
            w.WriteString("updated_at", GlanceTime.Format(task.UpdatedAt));
            w.WriteBoolean("deleted", false);
            w.WriteNull("deleted_at");
        }), type == "task.failure" ? "ERROR" : "INFO");

    private static ImageEvent Of(string type, Image image, DateTimeOffset now, bool withImportLists = false) =>
        new(Guid.NewGuid().ToString(), type, image.Id, now, Json(w => WriteImage(w, image, withImportLists)));

    private static ImageEvent Member(string type, ImageMember member, DateTimeOffset now, bool deleted) =>
        new(Guid.NewGuid().ToString(), type, member.ImageId, now, Json(w =>
        {
            w.WriteString("image_id", member.ImageId);
            w.WriteString("member_id", member.MemberId);
            w.WriteString("status", member.Status);
            w.WriteString("created_at", GlanceTime.Format(member.CreatedAt));
            w.WriteString("updated_at", GlanceTime.Format(member.UpdatedAt));
            w.WriteBoolean("deleted", deleted);
            w.WriteString("deleted_at", deleted ? GlanceTime.Format(now) : null);
        }));

    /// <summary>format_image_notification: no locations, no os_hash_*, no os_hidden, as Glance.</summary>
    private static void WriteImage(Utf8JsonWriter w, Image image, bool withImportLists)
    {
        w.WriteString("id", image.Id);
        w.WriteString("name", image.Name);
        w.WriteString("status", image.Status.ToWire());
        w.WriteString("created_at", GlanceTime.Format(image.CreatedAt));
        w.WriteString("updated_at", GlanceTime.Format(image.UpdatedAt));
        w.WriteNumber("min_disk", image.MinDisk);
        w.WriteNumber("min_ram", image.MinRam);
        w.WriteBoolean("protected", image.Protected);
        w.WriteString("checksum", image.Checksum);
        w.WriteString("owner", image.Owner);
        w.WriteString("disk_format", image.DiskFormat);
        w.WriteString("container_format", image.ContainerFormat);
        WriteNumber(w, "size", image.Size);
        WriteNumber(w, "virtual_size", image.VirtualSize);
        w.WriteBoolean("is_public", image.Visibility == ImageVisibility.Public);
        w.WriteString("visibility", image.Visibility);
        w.WriteStartObject("properties");
        foreach (var (key, value) in image.ExtraProperties)
        {
            w.WriteString(key, value);
        }
        w.WriteEndObject();
        w.WriteStartArray("tags");
        foreach (var tag in image.Tags)
        {
            w.WriteStringValue(tag);
        }
        w.WriteEndArray();
        w.WriteBoolean("deleted", image.IsDeleted);
        w.WriteString("deleted_at", image.DeletedAt is { } d ? GlanceTime.Format(d) : null);
        if (withImportLists)
        {
            w.WriteStartArray("os_glance_importing_to_stores");
            w.WriteEndArray();
            w.WriteStartArray("os_glance_failed_import");
            w.WriteEndArray();
        }
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
