using System.Threading.Channels;

namespace Glance.Storage.Events;

/// <summary>
/// Tells the dispatcher which image partitions have events to publish: right after a commit (the fast path, off
/// the request path) and from the sweeper (after a crash, or while Event Grid fails).
/// </summary>
public sealed class EventOutbox
{
    private readonly Channel<string> _pending = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public void Kick(string imageId) => _pending.Writer.TryWrite(imageId);

    internal ChannelReader<string> Pending => _pending.Reader;
}
