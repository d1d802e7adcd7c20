using Azure.Data.Tables;
using Glance.Domain.Events;

namespace Glance.Storage.Events;

/// <summary>
/// The outbox rows one transaction adds to a partition, numbered from the partition's event sequence (a column of the
/// row every change of the partition compare-and-sets, so the numbers are the commit order). Once the transaction
/// commits, <see cref="EventOutbox.Committed"/> hands them to the dispatcher.
/// </summary>
public sealed record OutboxCommit(OutboxPartition Partition, long FirstSequence, IReadOnlyList<TableEntity> Rows)
{
    /// <summary>Events past this many characters of JSON go in another row: well inside an entity's 1 MiB.</summary>
    private const int RowChars = 200_000;

    /// <summary>The partition's event sequence once this commits: what the transaction must advance it to.</summary>
    public long NextSequence => FirstSequence + Rows.Count;

    public IEnumerable<TableTransactionAction> Adds => Rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r));

    /// <summary>A row per event: an image's commits carry a few, and its sequence counts events.</summary>
    public static OutboxCommit OnePerEvent(OutboxPartition partition, string ownerId, long firstSequence, IEnumerable<GlanceEvent> events) =>
        new(partition, firstSequence, events.Select((e, i) => EventRows.ToEntity(partition.PartitionKey, ownerId, firstSequence + i, e.Time, [EventRows.Json(e)])).ToList());

    /// <summary>
    /// As few rows as hold the events: a namespace created with its contents reports every item, more events than a
    /// transaction's 100 rows could hold one each beside the rows they report.
    /// </summary>
    public static OutboxCommit Packed(OutboxPartition partition, string ownerId, long firstSequence, IReadOnlyList<GlanceEvent> events)
    {
        var rows = new List<TableEntity>();
        var pending = new List<string>();
        var time = DateTimeOffset.MinValue;
        var chars = 0;
        foreach (var e in events)
        {
            var json = EventRows.Json(e);
            if (pending.Count > 0 && chars + json.Length > RowChars)
            {
                rows.Add(EventRows.ToEntity(partition.PartitionKey, ownerId, firstSequence + rows.Count, time, pending));
                pending = [];
                chars = 0;
            }
            time = pending.Count == 0 ? e.Time : time;
            pending.Add(json);
            chars += json.Length;
        }
        if (pending.Count > 0)
        {
            rows.Add(EventRows.ToEntity(partition.PartitionKey, ownerId, firstSequence + rows.Count, time, pending));
        }
        return new OutboxCommit(partition, firstSequence, rows);
    }
}
