using Glance.Domain.Events;
using Glance.Storage.Events;

namespace Glance.Integration.Tests;

/// <summary>
/// The outbox's queue in one process: a sweep's kick for an image whose work is still waiting adds nothing (that work
/// publishes what is pending before it), and counts so once all of an image's work is done, kicks go through again.
/// </summary>
public sealed class EventOutboxTests
{
    private static readonly ImageEvent Created = new("e1", "image.create", "img", DateTimeOffset.UnixEpoch, "{}", "INFO");

    [Fact]
    public void Kick_WhileTheImagesWorkWaits_AddsNothing()
    {
        var outbox = new EventOutbox();
        outbox.Committed("img", 0, [Created]);

        outbox.Kick("img");

        Assert.Single(Drain(outbox));
    }

    [Fact]
    public void Kick_AfterAllTheImagesWorkIsDone_IsQueued()
    {
        var outbox = new EventOutbox();
        outbox.Committed("img", 0, [Created]);
        outbox.Committed("img", 1, [Created]);
        Assert.Equal(2, Drain(outbox).Count);
        outbox.Done("img");

        outbox.Kick("img");
        Assert.Empty(Drain(outbox));

        outbox.Done("img");
        outbox.Kick("img");
        var kicked = Assert.Single(Drain(outbox));
        Assert.Null(kicked.Events);
    }

    [Fact]
    public void Kick_OfAnotherImage_IsQueued()
    {
        var outbox = new EventOutbox();
        outbox.Committed("img", 0, [Created]);

        outbox.Kick("other");

        Assert.Equal(["img", "other"], Drain(outbox).Select(w => w.ImageId));
    }

    private static List<OutboxWork> Drain(EventOutbox outbox)
    {
        var work = new List<OutboxWork>();
        while (outbox.Pending.TryRead(out var item))
        {
            work.Add(item);
        }
        return work;
    }
}
