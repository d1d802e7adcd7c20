using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Glance.Storage.Events;

/// <summary>
/// Tells the dispatcher which outbox partitions have events to publish: right after a commit (the fast path, off the
/// request path, carrying the committed rows so they need not be read back) and from the sweeper (after a crash, or
/// while Event Grid fails: the dispatcher reads the partition).
/// </summary>
public sealed class EventOutbox
{
    private readonly Channel<OutboxWork> _pending = Channel.CreateUnbounded<OutboxWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<OutboxPartition, int> _queued = new();

    /// <summary>Rows a transaction just committed; nothing when it carried none.</summary>
    public void Committed(OutboxCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        if (commit.Rows.Count > 0)
        {
            Enqueue(new OutboxWork(commit.Partition, commit.FirstSequence, commit.Rows));
        }
    }

    /// <summary>
    /// A sweep's request: publish what the partition holds, and say when that is done, so a timer invocation delivers
    /// within itself and does not rely on this process living on after it (a Functions instance may be frozen or
    /// stopped once no invocation runs). While work for the partition already waits here, only a marker behind it is
    /// queued: that work publishes whatever is pending.
    /// </summary>
    public Task SweepAsync(OutboxPartition partition)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(new OutboxWork(partition, null, null) { Completion = done, MarkerOnly = _queued.ContainsKey(partition) });
        return done.Task;
    }

    /// <summary>The dispatcher is done with one piece of work for the partition.</summary>
    internal void Done(OutboxPartition partition)
    {
        if (_queued.AddOrUpdate(partition, 0, (_, count) => count - 1) <= 0)
        {
            _queued.TryRemove(new KeyValuePair<OutboxPartition, int>(partition, 0));
        }
    }

    internal ChannelReader<OutboxWork> Pending => _pending.Reader;

    private void Enqueue(OutboxWork work)
    {
        _queued.AddOrUpdate(work.Partition, 1, (_, count) => count + 1);
        if (!_pending.Writer.TryWrite(work))
        {
            Done(work.Partition);
            work.Completion?.TrySetCanceled();
        }
    }
}
