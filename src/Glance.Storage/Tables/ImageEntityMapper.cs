using System.Text.Json;
using Azure.Data.Tables;
using Glance.Domain.Data;
using Glance.Domain.Errors;
using Glance.Domain.Images;

namespace Glance.Storage.Tables;

/// <summary>Maps an image to its row in the images table (PartitionKey = image id, RowKey = "image:" + image id).</summary>
internal static class ImageEntityMapper
{
    // Entities are limited to 1 MiB; leave room for the fixed columns.
    private const int MaxVariableChars = 400_000;

    /// <summary>
    /// Columns of the service's own bookkeeping (the data lease, what an upload must match, the outbox sequence),
    /// which no API answer shows: listing copies leave them out, so an image's lease id lives only in its own row.
    /// </summary>
    public static IReadOnlySet<string> StorageOnlyColumns { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "DataLeaseId", "AwaitsDirectUpload", "ExpectedSize", "ExpectedChecksum", "ExpectedOsHashAlgo", "ExpectedOsHashValue",
        "EventSequence", "DataStaged", "DataStore",
    };

    /// <param name="eventSequence">The outbox sequence the row records: how many events were committed with it.</param>
    public static TableEntity ToEntity(Image image, long eventSequence)
    {
        var s = image.ToSnapshot();
        var entity = new TableEntity(s.Id, ImagePartitionRows.Image(s.Id))
        {
            ["Name"] = s.Name,
            ["Status"] = s.Status.ToWire(),
            ["Visibility"] = s.Visibility,
            ["Protected"] = s.Protected,
            ["OsHidden"] = s.OsHidden,
            ["Owner"] = s.Owner,
            ["MinDisk"] = s.MinDisk,
            ["MinRam"] = s.MinRam,
            ["DiskFormat"] = s.DiskFormat,
            ["ContainerFormat"] = s.ContainerFormat,
            ["Size"] = s.Size,
            ["VirtualSize"] = s.VirtualSize,
            ["Checksum"] = s.Checksum,
            ["OsHashAlgo"] = s.OsHashAlgo,
            ["OsHashValue"] = s.OsHashValue,
            ["CreatedAt"] = s.CreatedAt,
            ["UpdatedAt"] = s.UpdatedAt,
            ["DeletedAt"] = s.DeletedAt,
            ["RestorableUntil"] = s.RestorableUntil,
            ["StatusBeforeDeletion"] = s.StatusBeforeDeletion?.ToWire(),
            ["DataLeaseId"] = s.DataLeaseId,
            ["AwaitsDirectUpload"] = s.AwaitsDirectUpload,
            ["ExpectedSize"] = s.Expectations?.Size,
            ["ExpectedChecksum"] = s.Expectations?.Checksum,
            ["ExpectedOsHashAlgo"] = s.Expectations?.OsHashAlgo,
            ["ExpectedOsHashValue"] = s.Expectations?.OsHashValue,
            ["EventSequence"] = eventSequence,
            ["DataStaged"] = s.DataStaged,
            // Which stores hold the bytes, in order (an answer shows them, so listing copies carry them too).
            ["Stores"] = s.Stores is { Count: > 0 } stores ? string.Join(",", stores) : null,
            ["DataStore"] = s.DataStore,
        };
        var tags = JsonSerializer.Serialize(s.Tags, StorageJsonContext.Default.IReadOnlyListString);
        var properties = JsonSerializer.Serialize(
            s.ExtraProperties.Select(p => new[] { p.Key, p.Value }).ToArray(), StorageJsonContext.Default.StringArrayArray);
        if (tags.Length + properties.Length > MaxVariableChars)
        {
            throw GlanceErrors.PropertiesTooLargeToStore();
        }
        ChunkedColumns.Write(entity, "Tags", tags);
        ChunkedColumns.Write(entity, "Properties", properties);
        return entity;
    }

    public static Image ToImage(TableEntity e) => ToImage(e, e.PartitionKey);

    /// <summary>
    /// From any row holding the image's columns: its own row, or a listing copy keyed otherwise (which lacks the
    /// <see cref="StorageOnlyColumns"/>, so its image is only fit to be shown).
    /// </summary>
    public static Image ToImage(TableEntity e, string imageId)
    {
        if (!ImageStatusNames.TryParse(e.GetString("Status"), out var status))
        {
            throw new InvalidDataException($"Image {imageId} has an unknown status '{e.GetString("Status")}'.");
        }
        var tags = JsonSerializer.Deserialize(ChunkedColumns.Read(e, "Tags"), StorageJsonContext.Default.IReadOnlyListString) ?? [];
        var properties = JsonSerializer.Deserialize(ChunkedColumns.Read(e, "Properties"), StorageJsonContext.Default.StringArrayArray) ?? [];
        return Image.Restore(new ImageSnapshot(
            imageId,
            e.GetString("Name"),
            status,
            e.GetString("Visibility") ?? ImageVisibility.Shared,
            e.GetBoolean("Protected") ?? false,
            e.GetBoolean("OsHidden") ?? false,
            e.GetString("Owner"),
            e.GetInt32("MinDisk") ?? 0,
            e.GetInt32("MinRam") ?? 0,
            e.GetString("DiskFormat"),
            e.GetString("ContainerFormat"),
            e.GetInt64("Size"),
            e.GetInt64("VirtualSize"),
            e.GetString("Checksum"),
            e.GetString("OsHashAlgo"),
            e.GetString("OsHashValue"),
            e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.UnixEpoch,
            e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.UnixEpoch,
            e.GetDateTimeOffset("DeletedAt"),
            tags,
            properties.Select(p => new KeyValuePair<string, string>(p[0], p[1])).ToList(),
            e.GetString("DataLeaseId"),
            e.GetBoolean("AwaitsDirectUpload") ?? false,
            new UploadExpectations(e.GetInt64("ExpectedSize"), e.GetString("ExpectedChecksum"), e.GetString("ExpectedOsHashAlgo"), e.GetString("ExpectedOsHashValue")),
            e.GetBoolean("DataStaged") ?? false,
            e.GetDateTimeOffset("RestorableUntil"),
            ImageStatusNames.TryParse(e.GetString("StatusBeforeDeletion"), out var before) ? before : null,
            e.GetString("Stores")?.Split(',', StringSplitOptions.RemoveEmptyEntries),
            e.GetString("DataStore")));
    }
}
