using System.Collections.Concurrent;
using System.Threading.Channels;
using Glance.Domain.Events;

namespace Glance.Storage.Events;

/// <summary>
/// Tells the dispatcher which image partitions have events to publish: right after a commit (the fast path, off
/// the request path, carrying the committed events so they need not be read back) and from the sweeper (after a
/// crash, or while Event Grid fails: the dispatcher reads the partition).
/// </summary>
public sealed class EventOutbox
{
    private readonly Channel<OutboxWork> _pending = Channel.CreateUnbounded<OutboxWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, int> _queued = new(StringComparer.Ordinal);

    /// <summary>Events just committed for an image, numbered from <paramref name="firstSequence"/>.</summary>
    public void Committed(string imageId, long firstSequence, IReadOnlyList<ImageEvent> events) =>
        Enqueue(new OutboxWork(imageId, firstSequence, events));

    /// <summary>
    /// A sweep's request: publish what the image's partition holds, and say when that is done, so a timer invocation
    /// delivers within itself and does not rely on this process living on after it (a Functions instance may be
    /// frozen or stopped once no invocation runs). While work for the image already waits here, only a marker behind
    /// it is queued: that work publishes whatever is pending.
    /// </summary>
    public Task SweepAsync(string imageId)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(new OutboxWork(imageId, null, null) { Completion = done, MarkerOnly = _queued.ContainsKey(imageId) });
        return done.Task;
    }

    /// <summary>The dispatcher is done with one piece of work for the image.</summary>
    internal void Done(string imageId)
    {
        if (_queued.AddOrUpdate(imageId, 0, (_, count) => count - 1) <= 0)
        {
            _queued.TryRemove(new KeyValuePair<string, int>(imageId, 0));
        }
    }

    internal ChannelReader<OutboxWork> Pending => _pending.Reader;

    private void Enqueue(OutboxWork work)
    {
        _queued.AddOrUpdate(work.ImageId, 1, (_, count) => count + 1);
        if (!_pending.Writer.TryWrite(work))
        {
            Done(work.ImageId);
            work.Completion?.TrySetCanceled();
        }
    }
}

/// <summary>
/// Work for the dispatcher: an image, and the events a commit just wrote (null: read the partition); a sweep's work
/// also says when it is done, and is only a marker when earlier work for the image will publish what is pending.
/// </summary>
public sealed record OutboxWork(string ImageId, long? FirstSequence, IReadOnlyList<ImageEvent>? Events)
{
    public TaskCompletionSource? Completion { get; init; }

    public bool MarkerOnly { get; init; }
}
