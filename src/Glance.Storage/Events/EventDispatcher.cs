using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Glance.Storage.Events;

/// <summary>
/// Publishes what the outbox is told about, off the request path. A partition's events are always handled by the
/// same worker, one batch after the other, so they leave in commit order; different partitions go in parallel.
/// </summary>
public sealed class EventDispatcher(EventOutbox outbox, EventPublisher publisher, SentEventRemover remover, ILogger<EventDispatcher> logger) : BackgroundService
{
    private const int Workers = 4;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lanes = Enumerable.Range(0, Workers).Select(_ => System.Threading.Channels.Channel.CreateUnbounded<OutboxWork>()).ToArray();
        var workers = lanes.Select(lane => Task.Run(() => RunLaneAsync(lane.Reader, stoppingToken), stoppingToken))
            .Append(Task.Run(() => remover.RunAsync(stoppingToken), CancellationToken.None)).ToArray();
        try
        {
            await foreach (var work in outbox.Pending.ReadAllAsync(stoppingToken))
            {
                var lane = (int)((uint)work.Partition.GetHashCode() % Workers);
                lanes[lane].Writer.TryWrite(work);
            }
        }
        catch (OperationCanceledException)
        {
        }
        foreach (var lane in lanes)
        {
            lane.Writer.TryComplete();
        }
        await Task.WhenAll(workers.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    private async Task RunLaneAsync(System.Threading.Channels.ChannelReader<OutboxWork> lane, CancellationToken stoppingToken)
    {
        await foreach (var work in lane.ReadAllAsync(stoppingToken))
        {
            try
            {
                if (!work.MarkerOnly)
                {
                    await publisher.PublishAsync(work, stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The rows stay; the sweeper brings them back.
                logger.LogWarning(e, "Dispatching events of partition {Partition} of table {Table} failed", work.Partition.PartitionKey, work.Partition.Table);
            }
            finally
            {
                outbox.Done(work.Partition);
                work.Completion?.TrySetResult();
            }
        }
    }
}
