using Azure.Data.Tables;
using Glance.Domain.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Glance.Storage.Events;

/// <summary>
/// Finds every partition with events still in its outbox (after a crash between commit and publish, or while Event
/// Grid was failing), in every table that keeps outboxes, and hands them to the dispatcher. Table Storage has no
/// secondary index, so this is a server-side filtered scan of each table; sent events are deleted, so what it returns
/// stays small.
/// </summary>
public sealed class OutboxSweeper(TableServiceClient tables, EventOutbox outbox, EventPublisher publisher, SentEventRemover remover,
    IOptions<StorageOptions> storage, IOptions<EventOptions> options, TimeProvider clock, ILogger<OutboxSweeper> logger)
{
    /// <summary>
    /// Publishes every event older than <see cref="EventOptions.SweepAfter"/> before it returns, and removes the sent
    /// rows: the timer invocation alone delivers them, whatever becomes of this instance afterwards.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        // Only events the fast path had time to publish: sweeping fresh ones would only publish them twice.
        var cutoff = clock.GetUtcNow() - options.Value.SweepAfter;
        var filter = TableClient.CreateQueryFilter($"RowKey ge {EventRows.Prefix} and RowKey lt {EventRows.End} and Time lt {cutoff}");
        var partitions = new HashSet<OutboxPartition>();
        var published = new List<Task>();
        // Images keep theirs in each image's partition, the catalogue in each namespace's.
        foreach (var table in new[] { storage.Value.ImagesTable, storage.Value.MetadefsTable })
        {
            await foreach (var row in tables.GetTableClient(table).QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken))
            {
                var partition = new OutboxPartition(table, row.PartitionKey);
                if (partitions.Add(partition))
                {
                    published.Add(outbox.SweepAsync(partition));
                }
            }
        }
        GlanceMetrics.OutboxBacklog.Add(partitions.Count);
        await Task.WhenAll(published).WaitAsync(cancellationToken);
        await remover.RemoveQueuedAsync(cancellationToken);
        if (partitions.Count > 0 || publisher.StuckEvents > 0)
        {
            logger.LogInformation("Outbox sweep: {Partitions} partitions with pending events; {Stuck} events stuck", partitions.Count, publisher.StuckEvents);
        }
        return partitions.Count;
    }
}
