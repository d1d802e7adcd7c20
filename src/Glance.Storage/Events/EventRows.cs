using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Messaging;
using Glance.Domain.Events;
using Glance.Storage.Tables;

namespace Glance.Storage.Events;

/// <summary>
/// Outbox rows, kept in the partition whose change they report (docs/table-design.md). RowKey
/// <c>event:&lt;sequence, 19 digits&gt;:&lt;owner id&gt;</c>, so a range read of the partition returns its pending rows
/// in commit order. A row holds one or more events, published in their order: <c>Events0..n</c> is a JSON array of
/// {id, type, subject, time, priority, data}; <c>Time</c> is when the first was raised (what the sweeper filters on).
/// </summary>
internal static class EventRows
{
    public const string Prefix = "event:";
    public const string End = "event;";
    private const int SequenceDigits = 19;

    /// <summary>The owner's id (the image's, the namespace's) after the sequence: see ImagePartitionRows on Azurite.</summary>
    public static string Key(string ownerId, long sequence) =>
        Prefix + sequence.ToString("D19", CultureInfo.InvariantCulture) + ":" + ownerId;

    public static long Sequence(string rowKey) => long.Parse(rowKey.AsSpan(Prefix.Length, SequenceDigits), CultureInfo.InvariantCulture);

    public static bool IsEvent(string rowKey) => rowKey.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>One event as the row keeps it: its payload text is what every publication of it sends.</summary>
    public static string Json(GlanceEvent e) => EventPayloadJson.Text(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", e.Id);
        w.WriteString("type", e.Type);
        w.WriteString("subject", e.Subject);
        w.WriteString("time", e.Time);
        w.WriteString("priority", e.Priority);
        w.WritePropertyName("data");
        EventPayloadJson.Write(w, e.Payload);
        w.WriteEndObject();
    });

    public static TableEntity ToEntity(string partitionKey, string ownerId, long sequence, DateTimeOffset time, IEnumerable<string> eventsJson)
    {
        var entity = new TableEntity(partitionKey, Key(ownerId, sequence)) { ["Time"] = time, ["Attempts"] = 0 };
        ChunkedColumns.Write(entity, "Events", "[" + string.Join(",", eventsJson) + "]");
        return entity;
    }

    /// <summary>A stored row's events as they are published, their payloads as first written.</summary>
    public static IReadOnlyList<CloudEvent> ToCloudEvents(TableEntity row, string source)
    {
        if (!row.ContainsKey("Events0"))
        {
            return [FromColumns(row, source)];
        }
        using var events = JsonDocument.Parse(ChunkedColumns.Read(row, "Events"));
        return events.RootElement.EnumerateArray().Select(e => CloudEvent(source, e.GetProperty("id").GetString()!, e.GetProperty("type").GetString()!,
            e.GetProperty("subject").GetString()!, e.GetProperty("time").GetDateTimeOffset(), e.GetProperty("priority").GetString(),
            e.GetProperty("data").GetRawText())).ToList();
    }

    /// <summary>Rows written before events carried their subject held one image event in columns.</summary>
    private static CloudEvent FromColumns(TableEntity row, string source) => CloudEvent(source, row.GetString("EventId") ?? "", row.GetString("Type") ?? "",
        $"/images/{row.PartitionKey}", row.GetDateTimeOffset("Time") ?? DateTimeOffset.UnixEpoch, row.GetString("Priority"), ChunkedColumns.Read(row, "Data"));

    private static CloudEvent CloudEvent(string source, string id, string type, string subject, DateTimeOffset time, string? priority, string data)
    {
        var cloudEvent = new CloudEvent(source, type, BinaryData.FromString(data), "application/json", CloudEventDataFormat.Json)
        {
            Id = id,
            Subject = subject,
            Time = time,
        };
        cloudEvent.ExtensionAttributes["priority"] = (priority ?? "INFO").ToLowerInvariant();
        return cloudEvent;
    }
}
