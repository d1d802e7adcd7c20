using Azure.Data.Tables;
using Glance.Domain.Telemetry;
using Glance.Storage.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Glance.Storage.Events;

/// <summary>
/// Finds every image with events still in its outbox (after a crash between commit and publish, or while Event
/// Grid was failing) and hands them to the dispatcher. Table Storage has no secondary index, so this is a
/// server-side filtered scan of the images table; sent events are deleted, so what it returns stays small.
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
        var images = tables.GetTableClient(storage.Value.ImagesTable);
        // Only events the fast path had time to publish: sweeping fresh ones would only publish them twice.
        var cutoff = clock.GetUtcNow() - options.Value.SweepAfter;
        var filter = TableClient.CreateQueryFilter($"RowKey ge {ImagePartitionRows.EventPrefix} and RowKey lt {ImagePartitionRows.EventEnd} and Time lt {cutoff}");
        var partitions = new HashSet<string>(StringComparer.Ordinal);
        var published = new List<Task>();
        await foreach (var row in images.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            if (partitions.Add(row.PartitionKey))
            {
                published.Add(outbox.SweepAsync(row.PartitionKey));
            }
        }
        GlanceMetrics.OutboxBacklog.Add(partitions.Count);
        await Task.WhenAll(published).WaitAsync(cancellationToken);
        await remover.RemoveQueuedAsync(cancellationToken);
        if (partitions.Count > 0 || publisher.StuckEvents > 0)
        {
            logger.LogInformation("Outbox sweep: {Images} images with pending events; {Stuck} events stuck", partitions.Count, publisher.StuckEvents);
        }
        return partitions.Count;
    }
}
