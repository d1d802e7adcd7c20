using System.Collections.Concurrent;
using System.Net;
using Azure;
using Azure.Data.Tables;
using Azure.Messaging;
using Glance.Domain.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Glance.Storage.Events;

/// <summary>
/// Publishes one partition's pending events in commit order and has their rows removed once sent (by
/// <see cref="SentEventRemover"/>, a moment later). Delivery is at least once: a publish that succeeded before its rows
/// were removed, by a process that then died, is sent again with the same CloudEvent ids. A failure leaves the rows
/// with an attempt count and a time before which they are not tried again (exponential backoff).
/// </summary>
public sealed class EventPublisher(
    TableServiceClient tables, IEnumerable<IEventSink> sinks, SentEventRemover remover, IOptions<EventOptions> options, TimeProvider clock,
    ILogger<EventPublisher> logger)
{
    private readonly ConcurrentDictionary<string, TableClient> _tables = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<OutboxPartition, long> _publishedThrough = new();
    private long _stuck;

    /// <summary>Events that kept failing past <see cref="EventOptions.StuckAfterAttempts"/> at the last attempt.</summary>
    public long StuckEvents => Interlocked.Read(ref _stuck);

    /// <summary>
    /// Publishes a commit's rows as they are, without reading them back, when nothing older can be pending in the
    /// partition: it is the partition's first commit, or this process published everything before it. Otherwise reads
    /// the partition so that older events go first.
    /// </summary>
    public async Task PublishAsync(OutboxWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (work is { Rows: { Count: > 0 } rows, FirstSequence: { } first }
            && (first == 0 || (_publishedThrough.TryGetValue(work.Partition, out var through) && through == first - 1)))
        {
            await SendAsync(work.Partition, rows.ToList(), cancellationToken);
            return;
        }
        await PublishPendingAsync(work.Partition, cancellationToken);
    }

    public async Task PublishPendingAsync(OutboxPartition partition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partition);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition.PartitionKey} and RowKey ge {EventRows.Prefix} and RowKey lt {EventRows.End}");
        var rows = new List<TableEntity>();
        var sent = new List<TableEntity>();
        var publishedThrough = _publishedThrough.TryGetValue(partition, out var through) ? through : -1;
        await foreach (var row in Table(partition).QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            // Sent by this process and waiting for removal: not again.
            (EventRows.Sequence(row.RowKey) <= publishedThrough ? sent : rows).Add(row);
        }
        if (sent.Count > 0)
        {
            remover.Add(partition.Table, sent);
        }
        if (rows.Count == 0)
        {
            return;
        }
        // Order matters: while the oldest event waits for its retry, the later ones wait with it.
        if (rows[0].GetDateTimeOffset("NextAttemptAt") is { } next && next > clock.GetUtcNow())
        {
            return;
        }
        await SendAsync(partition, rows, cancellationToken);
    }

    /// <summary>
    /// Sends the rows' events in order in bounded batches (Event Grid takes at most 1 MB a batch), handing each row to
    /// the remover once all its events are sent; on a failure records it on the first unsent row and stops.
    /// </summary>
    private async Task SendAsync(OutboxPartition partition, List<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var batch in EventBatch.Split(rows, options.Value.Source))
        {
            try
            {
                foreach (var sink in sinks)
                {
                    await sink.SendAsync(batch.Events, cancellationToken);
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                GlanceMetrics.EventPublishFailures.Add(1);
                await RecordFailureAsync(partition, batch.FirstRow, e, cancellationToken);
                return;
            }
            foreach (var sent in batch.Events)
            {
                logger.LogInformation("Published {EventType} {EventId} for {Subject}", sent.Type, sent.Id, sent.Subject);
            }
            GlanceMetrics.EventsPublished.Add(batch.Events.Count);
            if (batch.Completed.Count > 0)
            {
                // Before the rows are gone, a read of the partition must know they were sent.
                Remember(partition, EventRows.Sequence(batch.Completed[^1].RowKey));
                remover.Add(partition.Table, batch.Completed);
            }
        }
    }

    private TableClient Table(OutboxPartition partition) => _tables.GetOrAdd(partition.Table, tables.GetTableClient);

    private void Remember(OutboxPartition partition, long lastSequence)
    {
        // Bounded: forgetting a partition only costs its next publish a partition read.
        if (_publishedThrough.Count > 100_000)
        {
            _publishedThrough.Clear();
        }
        _publishedThrough[partition] = lastSequence;
    }

    private async Task RecordFailureAsync(OutboxPartition partition, TableEntity oldest, Exception error, CancellationToken cancellationToken)
    {
        var attempts = (oldest.GetInt32("Attempts") ?? 0) + 1;
        var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, attempts), options.Value.MaxRetryDelay.TotalSeconds));
        var update = new TableEntity(oldest.PartitionKey, oldest.RowKey) { ["Attempts"] = attempts, ["NextAttemptAt"] = clock.GetUtcNow() + delay };
        try
        {
            // A row built from a commit has no ETag: then any version will do.
            await Table(partition).UpdateEntityAsync(update, oldest.ETag == default ? ETag.All : oldest.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            return; // Another dispatcher got to it.
        }
        if (attempts >= options.Value.StuckAfterAttempts)
        {
            Interlocked.Increment(ref _stuck);
            logger.LogError(error, "Events of row {RowKey} in partition {Partition} keep failing ({Attempts} attempts); next try in {Delay}",
                oldest.RowKey, oldest.PartitionKey, attempts, delay);
        }
        else
        {
            logger.LogWarning(error, "Publishing events of partition {Partition} failed (attempt {Attempts}); next try in {Delay}", oldest.PartitionKey, attempts, delay);
        }
    }
}
