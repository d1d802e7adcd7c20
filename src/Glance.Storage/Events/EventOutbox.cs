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

    /// <summary>Events just committed for an image, numbered from <paramref name="firstSequence"/>.</summary>
    public void Committed(string imageId, long firstSequence, IReadOnlyList<ImageEvent> events) =>
        _pending.Writer.TryWrite(new OutboxWork(imageId, firstSequence, events));

    /// <summary>An image whose partition may hold unpublished events.</summary>
    public void Kick(string imageId) => _pending.Writer.TryWrite(new OutboxWork(imageId, null, null));

    internal ChannelReader<OutboxWork> Pending => _pending.Reader;
}

/// <summary>Work for the dispatcher: an image, and the events a commit just wrote (null: read the partition).</summary>
public sealed record OutboxWork(string ImageId, long? FirstSequence, IReadOnlyList<ImageEvent>? Events);
