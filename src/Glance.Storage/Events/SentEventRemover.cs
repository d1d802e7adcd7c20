using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace Glance.Storage.Events;

/// <summary>
/// Removes outbox rows once their events are sent, a moment later and together: the rows a partition gathers within
/// <see cref="Gather"/> (an image's create and the update right after, say) go in one transaction instead of one each,
/// which is a storage request saved per event on a busy image or namespace. Until removed, the publisher that sent them
/// knows not to send them again; a process that dies first leaves them to the sweeper, which sends them once more
/// with the same CloudEvent ids (delivery is at least once either way).
/// </summary>
public sealed class SentEventRemover(TableServiceClient tables, ILogger<SentEventRemover> logger)
{
    /// <summary>How long sent rows wait for company before they are removed; far below the sweeper's threshold.</summary>
    public static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);
    private const int MaxActionsPerTransaction = 100;
    private readonly ConcurrentQueue<(string Table, string PartitionKey, string RowKey)> _sent = new();
    private readonly SemaphoreSlim _arrived = new(0);

    /// <summary>Sent rows of <paramref name="table"/>.</summary>
    public void Add(string table, IEnumerable<TableEntity> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            _sent.Enqueue((table, row.PartitionKey, row.RowKey));
        }
        _arrived.Release();
    }

    /// <summary>Removes what arrives until stopped, then what is left, once.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            var removed = true;
            while (true)
            {
                if (removed)
                {
                    await _arrived.WaitAsync(stoppingToken);
                }
                else
                {
                    // Storage is failing: do not hammer it.
                    await Task.Delay(RetryAfter, stoppingToken);
                }
                await Task.Delay(Gather, stoppingToken);
                // This round takes everything queued so far: the wake-ups of those arrivals are spent with it.
                while (_arrived.Wait(0))
                {
                }
                removed = await RemoveQueuedAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        using var last = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        if (!await RemoveQueuedAsync(last.Token))
        {
            logger.LogWarning("Sent events not removed at shutdown; the sweeper will send them again");
        }
    }

    /// <summary>
    /// One transaction per partition and 100 rows. Rows that could not be removed go back in the queue; false then.
    /// </summary>
    public async Task<bool> RemoveQueuedAsync(CancellationToken cancellationToken)
    {
        var rows = new List<(string Table, string PartitionKey, string RowKey)>();
        while (_sent.TryDequeue(out var row))
        {
            rows.Add(row);
        }
        var removedAll = true;
        foreach (var batch in rows.Distinct().GroupBy(r => (r.Table, r.PartitionKey)).SelectMany(p => p.Chunk(MaxActionsPerTransaction)))
        {
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                await RemoveAsync(batch, cancellationToken);
            }
            catch (Exception e)
            {
                // Storage out of reach (refused, reset, timed out, retries given up) or shutting down: the rows wait.
                foreach (var row in batch)
                {
                    _sent.Enqueue(row);
                }
                removedAll = false;
                if (!cancellationToken.IsCancellationRequested)
                {
                    logger.LogWarning(e, "Removing {Count} sent event rows of partition {Partition} failed; trying again later", batch.Length, batch[0].PartitionKey);
                }
            }
        }
        return removedAll;
    }

    private async Task RemoveAsync((string Table, string PartitionKey, string RowKey)[] batch, CancellationToken cancellationToken)
    {
        var table = tables.GetTableClient(batch[0].Table);
        try
        {
            await table.SubmitTransactionAsync(
                batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(r.PartitionKey, r.RowKey), ETag.All)),
                cancellationToken);
        }
        catch (TableTransactionFailedException)
        {
            // Some were removed already (a sweep in another process sent and removed them): remove the rest one by
            // one. A single delete of a missing entity does not throw; only a transaction fails on one.
            foreach (var (_, partitionKey, rowKey) in batch)
            {
                await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
            }
        }
    }
}
