using System.Globalization;
using System.Text.Json;
using Glance.Domain.Events;
using Glance.Domain.Images;

namespace Glance.Storage.Events;

/// <summary>
/// Writes a notification payload as Glance's notifier does (glance/notifier.py). The outbox row keeps the text, so an
/// event published again (by the sweeper, after a failure) sends what was first written.
/// </summary>
internal static class EventPayloadJson
{
    public static string Write(EventPayload payload) => Text(w => Write(w, payload));

    /// <summary>What <paramref name="write"/> writes, as text.</summary>
    internal static string Text(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    internal static void Write(Utf8JsonWriter w, EventPayload payload)
    {
        switch (payload)
        {
            case EventPayload.NamespaceState or EventPayload.ObjectState or EventPayload.PropertyState or EventPayload.TagState or EventPayload.AssociationState:
                MetadefPayloadJson.Write(w, payload);
                return;
            case EventPayload.Failure failure:
                // A bare JSON string, as Glance sends a failed upload's message.
                w.WriteStringValue(failure.Message);
                return;
            case EventPayload.ImageState state:
                w.WriteStartObject();
                WriteImage(w, state.Image, state.WithImportLists);
                w.WriteEndObject();
                return;
            case EventPayload.DataSent sent:
                w.WriteStartObject();
                if (sent.BytesSent is { } bytes)
                {
                    w.WriteNumber("bytes_sent", bytes);
                }
                else
                {
                    w.WriteNull("bytes_sent");
                    w.WriteBoolean("download_url_issued", true);
                }
                w.WriteString("image_id", sent.ImageId);
                w.WriteString("owner_id", sent.OwnerId);
                w.WriteString("receiver_tenant_id", sent.ReceiverProject);
                w.WriteString("receiver_user_id", sent.ReceiverUser);
                w.WriteEndObject();
                return;
            case EventPayload.Membership membership:
                var member = membership.Member;
                w.WriteStartObject();
                w.WriteString("image_id", member.ImageId);
                w.WriteString("member_id", member.MemberId);
                w.WriteString("status", member.Status);
                w.WriteString("created_at", Time(member.CreatedAt));
                w.WriteString("updated_at", Time(member.UpdatedAt));
                w.WriteBoolean("deleted", membership.DeletedAt is not null);
                w.WriteString("deleted_at", membership.DeletedAt is { } deletedAt ? Time(deletedAt) : null);
                w.WriteEndObject();
                return;
            case EventPayload.TaskState state:
                var task = state.Task;
                w.WriteStartObject();
                w.WriteString("id", task.Id);
                w.WriteString("type", task.Type);
                w.WriteString("status", task.Status);
                w.WriteNull("result");
                w.WriteString("owner", task.Owner);
                w.WriteString("message", task.Message);
                w.WriteString("expires_at", task.ExpiresAt is { } e ? Time(e) : null);
                w.WriteString("created_at", Time(task.CreatedAt));
                w.WriteString("updated_at", Time(task.UpdatedAt));
                w.WriteBoolean("deleted", false);
                w.WriteNull("deleted_at");
                w.WriteEndObject();
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(payload), payload.GetType().Name, "No notification shape for this payload.");
        }
    }

    /// <summary>format_image_notification: no locations, no os_hash_*, no os_hidden, as Glance.</summary>
    private static void WriteImage(Utf8JsonWriter w, ImageSnapshot image, bool withImportLists)
    {
        w.WriteString("id", image.Id);
        w.WriteString("name", image.Name);
        w.WriteString("status", image.Status.ToWire());
        w.WriteString("created_at", Time(image.CreatedAt));
        w.WriteString("updated_at", Time(image.UpdatedAt));
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
        w.WriteBoolean("deleted", image.Status == ImageStatus.Deleted);
        w.WriteString("deleted_at", image.DeletedAt is { } d ? Time(d) : null);
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

    /// <summary>oslo isotime, as Glance's notifier shows times: UTC to the second, with a Z.</summary>
    internal static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
