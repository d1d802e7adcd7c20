using System.Text.Json;
using Azure.Data.Tables;

namespace Glance.Benchmarks;

/// <summary>
/// The rows the floors write: the shape of what a create commits (docs/table-design.md), built here rather than with
/// the service's mappers so the floor stays put while the write path changes. Values are those of a fresh image.
/// </summary>
internal static class FloorRows
{
    public const string Project = "bench-project";

    /// <summary>The image row: every core column, the bookkeeping ones, and tags and properties as JSON (28 columns).</summary>
    public static TableEntity Image(string id)
    {
        var now = DateTimeOffset.UtcNow;
        return new TableEntity(id, ImageRowKey(id))
        {
            ["Name"] = "bench",
            ["Status"] = "queued",
            ["Visibility"] = "shared",
            ["Protected"] = false,
            ["OsHidden"] = false,
            ["Owner"] = Project,
            ["MinDisk"] = 0,
            ["MinRam"] = 0,
            ["DiskFormat"] = "raw",
            ["ContainerFormat"] = "bare",
            ["Size"] = null,
            ["VirtualSize"] = null,
            ["Checksum"] = null,
            ["OsHashAlgo"] = null,
            ["OsHashValue"] = null,
            ["CreatedAt"] = now,
            ["UpdatedAt"] = now,
            ["DeletedAt"] = null,
            ["DataLeaseId"] = null,
            ["AwaitsDirectUpload"] = false,
            ["ExpectedSize"] = null,
            ["ExpectedChecksum"] = null,
            ["ExpectedOsHashAlgo"] = null,
            ["ExpectedOsHashValue"] = null,
            ["EventSequence"] = 1L,
            ["DataStaged"] = false,
            ["Tags0"] = "[]",
            ["Properties0"] = "[]",
        };
    }

    public static string ImageRowKey(string id) => "image:" + id;

    /// <summary>The listing marker a change merges in its transaction: pending, and the scope the image is listed in.</summary>
    public static TableEntity Marker(string id) => new(id, "listing:" + id)
    {
        ["Pending"] = DateTimeOffset.UtcNow,
        ["S_0f3a9c2e"] = "project:" + Project,
    };

    /// <summary>The outbox row of image.create, with a payload the size of Glance's notification.</summary>
    public static TableEntity Event(string id)
    {
        var now = DateTimeOffset.UtcNow;
        return new TableEntity(id, $"event:{1:D19}:{id}")
        {
            ["EventId"] = Guid.NewGuid().ToString(),
            ["Type"] = "image.create",
            ["Time"] = now,
            ["Priority"] = "INFO",
            ["Attempts"] = 0,
            ["Data0"] = Payload(id, now),
        };
    }

    /// <summary>A listing copy of the image in one of <paramref name="scope"/>'s partitions (new rows, as a sync writes).</summary>
    public static TableEntity Copy(string id, int scope)
    {
        var copy = Image(id);
        copy.PartitionKey = $"copy:{scope}";
        copy.RowKey = $"{DateTime.MaxValue.Ticks - DateTime.UtcNow.Ticks:D19}_{id}";
        return copy;
    }

    private static string Payload(string id, DateTimeOffset now) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["id"] = id, ["name"] = "bench", ["status"] = "queued", ["visibility"] = "shared", ["protected"] = false,
        ["os_hidden"] = false, ["owner"] = Project, ["disk_format"] = "raw", ["container_format"] = "bare",
        ["min_disk"] = 0, ["min_ram"] = 0, ["size"] = null, ["virtual_size"] = null, ["checksum"] = null,
        ["os_hash_algo"] = null, ["os_hash_value"] = null, ["created_at"] = now, ["updated_at"] = now,
        ["deleted"] = false, ["deleted_at"] = null, ["tags"] = Array.Empty<string>(), ["properties"] = new Dictionary<string, string>(),
    });
}
