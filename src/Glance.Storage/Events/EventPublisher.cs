using System.Net;
using Azure;
using Azure.Data.Tables;
using Azure.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Glance.Storage.Events;

/// <summary>
/// Publishes one image's pending events in commit order and removes them once sent. Delivery is at least once: a
/// publish that succeeded before its rows were removed is sent again with the same CloudEvent ids. A failure
/// leaves the rows with an attempt count and a time before which they are not tried again (exponential backoff).
/// </summary>
public sealed class EventPublisher(
    TableServiceClient tables, IEnumerable<IEventSink> sinks, IOptions<StorageOptions> storage, IOptions<EventOptions> options,
    TimeProvider clock, ILogger<EventPublisher> logger)
{
    private readonly TableClient _images = tables.GetTableClient(storage.Value.ImagesTable);
    private long _stuck;

    /// <summary>Events that kept failing past <see cref="EventOptions.StuckAfterAttempts"/> at the last attempt.</summary>
    public long StuckEvents => Interlocked.Read(ref _stuck);

    public async Task PublishPendingAsync(string imageId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {imageId} and RowKey ge {EventRows.Prefix} and RowKey lt {EventRows.End}");
        var rows = new List<TableEntity>();
        await foreach (var row in _images.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
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
        // Event Grid takes at most 1 MB a batch: send in bounded batches, in order, removing each once sent.
        foreach (var batch in Batches(rows))
        {
            var events = batch.Select(row => ToCloudEvent(EventRows.ToEvent(row))).ToList();
            try
            {
                foreach (var sink in sinks)
                {
                    await sink.SendAsync(events, cancellationToken);
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                await RecordFailureAsync(batch[0], e, cancellationToken);
                return;
            }
            foreach (var row in batch)
            {
                logger.LogInformation("Published {EventType} {EventId} for image {ImageId}", row.GetString("Type"), row.GetString("EventId"), imageId);
                await _images.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            }
        }
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
        oldest["Attempts"] = attempts;
        oldest["NextAttemptAt"] = clock.GetUtcNow() + delay;
        try
        {
            await _images.UpdateEntityAsync(oldest, oldest.ETag, TableUpdateMode.Merge, cancellationToken);
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

    private CloudEvent ToCloudEvent(Domain.Events.ImageEvent e)
    {
        var cloudEvent = new CloudEvent(options.Value.Source, e.Type, BinaryData.FromString(e.Data), "application/json", CloudEventDataFormat.Json)
        {
            Id = e.Id,
            Subject = $"/images/{e.ImageId}",
            Time = e.Time,
        };
        cloudEvent.ExtensionAttributes["priority"] = e.Priority.ToLowerInvariant();
        return cloudEvent;
    }
}
