using Azure.Data.Tables;
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
        ChunkedColumns.Write(entity, "Data", e.Data);
        return entity;
    }

    public static ImageEvent ToEvent(TableEntity entity) => new(
        entity.GetString("EventId"), entity.GetString("Type"), entity.PartitionKey,
        entity.GetDateTimeOffset("Time") ?? DateTimeOffset.UnixEpoch, ChunkedColumns.Read(entity, "Data"), entity.GetString("Priority") ?? "INFO");
}
