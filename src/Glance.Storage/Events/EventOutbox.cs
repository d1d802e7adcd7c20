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
    /// An image whose partition may hold unpublished events. Ignored while work for the image waits in this process:
    /// that work publishes whatever is pending before it, and a sweep of a dispatcher that is behind would otherwise
    /// add a partition read per image to the very backlog it found.
    /// </summary>
    public void Kick(string imageId)
    {
        if (!_queued.ContainsKey(imageId))
        {
            Enqueue(new OutboxWork(imageId, null, null));
        }
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
        }
    }
}

/// <summary>Work for the dispatcher: an image, and the events a commit just wrote (null: read the partition).</summary>
public sealed record OutboxWork(string ImageId, long? FirstSequence, IReadOnlyList<ImageEvent>? Events);
