using System.Text.Json;
using Glance.Domain.Images;

namespace Glance.Functions.Representation;

/// <summary>
/// Writes an image as Glance's v2 API shows it (images.py ResponseSerializer._format_image): the extra
/// properties, then every base property (nulls included) and the links.
/// </summary>
public static class ImageRepresentation
{
    /// <param name="locations">The location fields the caller is shown (Glance's show_multiple_locations, show_image_direct_url); null: none.</param>
    public static void Write(Utf8JsonWriter writer, Image image, ImageLocationFields? locations = null)
    {
        writer.WriteStartObject();
        // Glance lists the extra properties first, in the order they were added.
        foreach (var (key, value) in image.ExtraProperties)
        {
            writer.WriteString(key, value);
        }
        // Ours, on the deleted images a status=deleted list shows: until when a restore can bring it back. In Glance's
        // reserved os_glance_ namespace, so no property of the image can carry the same key.
        if (image is { IsDeleted: true, RestorableUntil: { } restorableUntil })
        {
            writer.WriteString(RestorableUntilProperty, GlanceTime.Format(restorableUntil));
        }
        WriteString(writer, "name", image.Name);
        WriteString(writer, "disk_format", image.DiskFormat);
        WriteString(writer, "container_format", image.ContainerFormat);
        writer.WriteString("visibility", image.Visibility);
        WriteNumber(writer, "size", image.Size);
        WriteNumber(writer, "virtual_size", image.VirtualSize);
        writer.WriteString("status", image.Status.ToWire());
        WriteString(writer, "checksum", image.Checksum);
        writer.WriteBoolean("protected", image.Protected);
        writer.WriteNumber("min_ram", image.MinRam);
        writer.WriteNumber("min_disk", image.MinDisk);
        WriteString(writer, "owner", image.Owner);
        writer.WriteBoolean("os_hidden", image.OsHidden);
        WriteString(writer, "os_hash_algo", image.OsHashAlgo);
        WriteString(writer, "os_hash_value", image.OsHashValue);
        writer.WriteString("id", image.Id);
        writer.WriteString("created_at", GlanceTime.Format(image.CreatedAt));
        writer.WriteString("updated_at", GlanceTime.Format(image.UpdatedAt));
        writer.WriteStartArray("tags");
        foreach (var tag in image.Tags)
        {
            writer.WriteStringValue(tag);
        }
        writer.WriteEndArray();
        writer.WriteString("self", SelfLink(image.Id));
        writer.WriteString("file", $"/v2/images/{image.Id}/file");
        writer.WriteString("schema", "/v2/schemas/image");
        // Glance with multistore shows the stores holding the bytes once there are any; only then are they recorded.
        if (image.Stores.Count > 0)
        {
            writer.WriteString("stores", string.Join(",", image.Stores));
        }
        if (locations is not null)
        {
            WriteLocations(writer, image, locations);
        }
        writer.WriteEndObject();
    }

    private static void WriteLocations(Utf8JsonWriter writer, Image image, ImageLocationFields fields)
    {
        var found = fields.LocationsOf(image);
        if (fields.ShowDirectUrl && found.Count > 0)
        {
            writer.WriteString("direct_url", fields.UrlOf(found[0]));
        }
        if (fields.ShowLocations)
        {
            writer.WritePropertyName("locations");
            LocationsRepresentation.Write(writer, found, fields.UrlOf, fields.Multistore);
        }
    }

    public const string RestorableUntilProperty = "os_glance_restorable_until";

    public static string SelfLink(string imageId) => $"/v2/images/{imageId}";

    private static void WriteString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteNumber(name, value.Value);
        }
    }
}
