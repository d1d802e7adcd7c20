using Azure.Data.Tables;
using Azure.Messaging;
using Glance.Domain.Events;
using Glance.Storage.Tables;

namespace Glance.Storage.Events;

/// <summary>
/// Outbox rows in the image's partition of the images table: RowKey <c>event:&lt;sequence&gt;:&lt;image id&gt;</c> (see
/// <see cref="ImagePartitionRows"/>), so a partition range read returns an image's pending events in commit order.
/// </summary>
internal static class EventRows
{
    public static TableEntity ToEntity(ImageEvent e, long sequence)
    {
        var entity = new TableEntity(e.ImageId, ImagePartitionRows.Event(e.ImageId, sequence))
        {
            ["EventId"] = e.Id,
            ["Type"] = e.Type,
            ["Time"] = e.Time,
            ["Priority"] = e.Priority,
            ["Attempts"] = 0,
        };
        ChunkedColumns.Write(entity, "Data", EventPayloadJson.Write(e.Payload));
        return entity;
    }

    /// <summary>A stored event as it is published: the payload text as it was written.</summary>
    public static CloudEvent ToCloudEvent(TableEntity entity, string source)
    {
        var cloudEvent = new CloudEvent(source, entity.GetString("Type"), BinaryData.FromString(ChunkedColumns.Read(entity, "Data")), "application/json",
            CloudEventDataFormat.Json)
        {
            Id = entity.GetString("EventId"),
            Subject = $"/images/{entity.PartitionKey}",
            Time = entity.GetDateTimeOffset("Time") ?? DateTimeOffset.UnixEpoch,
        };
        cloudEvent.ExtensionAttributes["priority"] = (entity.GetString("Priority") ?? "INFO").ToLowerInvariant();
        return cloudEvent;
    }
}
