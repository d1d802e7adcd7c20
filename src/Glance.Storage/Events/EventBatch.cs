using Azure.Data.Tables;
using Azure.Messaging;

namespace Glance.Storage.Events;

/// <summary>
/// Events sent in one request, in row order: <see cref="FirstRow"/> is the row the first of them came from (where a
/// failure is recorded), <see cref="Completed"/> the rows whose last event is in this batch (sent once it succeeds).
/// </summary>
internal sealed record EventBatch(List<CloudEvent> Events, TableEntity FirstRow, List<TableEntity> Completed)
{
    private const int MaxEvents = 100;
    private const long MaxDataBytes = 400_000; // Well under Event Grid's 1 MB a batch with the envelopes.

    /// <summary>A row's events may span batches: its events sent before a failure are sent again, with their ids.</summary>
    public static IEnumerable<EventBatch> Split(IReadOnlyList<TableEntity> rows, string source)
    {
        EventBatch? batch = null;
        long bytes = 0;
        foreach (var row in rows)
        {
            var events = EventRows.ToCloudEvents(row, source);
            for (var i = 0; i < events.Count; i++)
            {
                var size = events[i].Data?.ToMemory().Length ?? 0;
                if (batch is not null && (batch.Events.Count == MaxEvents || bytes + size > MaxDataBytes))
                {
                    yield return batch;
                    batch = null;
                }
                if (batch is null)
                {
                    batch = new EventBatch([], row, []);
                    bytes = 0;
                }
                batch.Events.Add(events[i]);
                bytes += size;
            }
            if (batch is not null)
            {
                batch.Completed.Add(row);
            }
        }
        if (batch is not null)
        {
            yield return batch;
        }
    }
}
