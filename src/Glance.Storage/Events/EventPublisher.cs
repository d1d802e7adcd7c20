using System.Net;
using Azure;
using Azure.Data.Tables;
using Azure.Messaging;
using Glance.Domain.Telemetry;
using Glance.Storage.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Glance.Storage.Events;

/// <summary>
/// Publishes one image's pending events in commit order and has them removed once sent (by <see cref="SentEventRemover"/>,
/// a moment later). Delivery is at least once: a publish that succeeded before its rows were removed, by a process
/// that then died, is sent again with the same CloudEvent ids. A failure
/// leaves the rows with an attempt count and a time before which they are not tried again (exponential backoff).
/// </summary>
public sealed class EventPublisher(
    TableServiceClient tables, IEnumerable<IEventSink> sinks, SentEventRemover remover, IOptions<StorageOptions> storage, IOptions<EventOptions> options,
    TimeProvider clock, ILogger<EventPublisher> logger)
{
    private readonly TableClient _images = tables.GetTableClient(storage.Value.ImagesTable);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _publishedThrough = new(StringComparer.Ordinal);
    private long _stuck;

    /// <summary>Events that kept failing past <see cref="EventOptions.StuckAfterAttempts"/> at the last attempt.</summary>
    public long StuckEvents => Interlocked.Read(ref _stuck);

    /// <summary>
    /// Publishes a commit's events as they are, without reading them back, when nothing older can be pending for
    /// the image: it is the image's first commit, or this process published everything before it. Otherwise reads
    /// the partition so that older events go first.
    /// </summary>
    public async Task PublishAsync(OutboxWork work, CancellationToken cancellationToken)
    {
        if (work is { Events: { Count: > 0 } events, FirstSequence: { } first }
            && (first == 0 || (_publishedThrough.TryGetValue(work.ImageId, out var through) && through == first - 1)))
        {
            await SendAsync(work.ImageId, events.Select((e, i) => EventRows.ToEntity(e, first + i)).ToList(), cancellationToken);
            return;
        }
        await PublishPendingAsync(work.ImageId, cancellationToken);
    }

    public async Task PublishPendingAsync(string imageId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {imageId} and RowKey ge {ImagePartitionRows.EventPrefix} and RowKey lt {ImagePartitionRows.EventEnd}");
        var rows = new List<TableEntity>();
        var sent = new List<TableEntity>();
        var publishedThrough = _publishedThrough.TryGetValue(imageId, out var through) ? through : -1;
        await foreach (var row in _images.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            // Sent by this process and waiting for removal: not again.
            (ImagePartitionRows.EventSequence(row.RowKey) <= publishedThrough ? sent : rows).Add(row);
        }
        if (sent.Count > 0)
        {
            remover.Add(sent);
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
        await SendAsync(imageId, rows, cancellationToken);
    }

    /// <summary>
    /// Sends rows in order in bounded batches (Event Grid takes at most 1 MB a batch), handing each batch to the remover
    /// once sent; on a failure records it on the first unsent row and stops.
    /// </summary>
    private async Task SendAsync(string imageId, List<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var batch in Batches(rows))
        {
            var events = batch.Select(row => EventRows.ToCloudEvent(row, options.Value.Source)).ToList();
            try
            {
                foreach (var sink in sinks)
                {
                    await sink.SendAsync(events, cancellationToken);
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                GlanceMetrics.EventPublishFailures.Add(1);
                await RecordFailureAsync(batch[0], e, cancellationToken);
                return;
            }
            foreach (var row in batch)
            {
                logger.LogInformation("Published {EventType} {EventId} for image {ImageId}", row.GetString("Type"), row.GetString("EventId"), imageId);
            }
            GlanceMetrics.EventsPublished.Add(batch.Count);
            // Before the rows are gone, a read of the partition must know they were sent.
            Remember(imageId, ImagePartitionRows.EventSequence(batch[^1].RowKey));
            remover.Add(batch);
        }
    }

    private void Remember(string imageId, long lastSequence)
    {
        // Bounded: forgetting an image only costs its next publish a partition read.
        if (_publishedThrough.Count > 100_000)
        {
            _publishedThrough.Clear();
        }
        _publishedThrough[imageId] = lastSequence;
    }

    private static IEnumerable<List<TableEntity>> Batches(List<TableEntity> rows)
    {
        const int maxEvents = 100;
        const long maxChars = 400_000; // UTF-16 chars of data: well under 1 MB of JSON with the envelopes.
        var batch = new List<TableEntity>();
        long chars = 0;
        foreach (var row in rows)
        {
            var size = ChunkedColumnsLength(row);
            if (batch.Count > 0 && (batch.Count == maxEvents || chars + size > maxChars))
            {
                yield return batch;
                batch = [];
                chars = 0;
            }
            batch.Add(row);
            chars += size;
        }
        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private static long ChunkedColumnsLength(TableEntity row) => row.Select(p => p.Value).OfType<string>().Sum(v => (long)v.Length);

    private async Task RecordFailureAsync(TableEntity oldest, Exception error, CancellationToken cancellationToken)
    {
        var attempts = (oldest.GetInt32("Attempts") ?? 0) + 1;
        var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, attempts), options.Value.MaxRetryDelay.TotalSeconds));
        var update = new TableEntity(oldest.PartitionKey, oldest.RowKey) { ["Attempts"] = attempts, ["NextAttemptAt"] = clock.GetUtcNow() + delay };
        try
        {
            // A row built from a commit's events has no ETag: then any version will do.
            await _images.UpdateEntityAsync(update, oldest.ETag == default ? ETag.All : oldest.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            return; // Another dispatcher got to it.
        }
        if (attempts >= options.Value.StuckAfterAttempts)
        {
            Interlocked.Increment(ref _stuck);
            logger.LogError(error, "Event {EventId} for image {ImageId} keeps failing ({Attempts} attempts); next try in {Delay}",
                oldest.GetString("EventId"), oldest.PartitionKey, attempts, delay);
        }
        else
        {
            logger.LogWarning(error, "Publishing events for image {ImageId} failed (attempt {Attempts}); next try in {Delay}", oldest.PartitionKey, attempts, delay);
        }
    }
}
