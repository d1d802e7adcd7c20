using Glance.Domain.Events;
using Glance.Storage.Events;

namespace Glance.Integration.Tests;

/// <summary>
/// The outbox's queue in one process: a sweep of an image whose work is still waiting queues only a marker behind it
/// (that work publishes what is pending before it, so a dispatcher that is behind gets no extra partition reads),
/// counts so once all of an image's work is done a sweep reads the partition again, and a sweep says when its work
/// is done.
/// </summary>
public sealed class EventOutboxTests
{
    private static readonly ImageEvent Created = new("e1", "image.create", "img", DateTimeOffset.UnixEpoch, new EventPayload.Failure("test"), "INFO");

    [Fact]
    public void Sweep_WhileTheImagesWorkWaits_QueuesOnlyAMarker()
    {
        var outbox = new EventOutbox();
        outbox.Committed("img", 0, [Created]);

        _ = outbox.SweepAsync("img");

        var work = Drain(outbox);
        Assert.Equal([false, true], work.Select(w => w.MarkerOnly));
    }

    [Fact]
    public void Sweep_AfterAllTheImagesWorkIsDone_ReadsThePartition()
    {
        var outbox = new EventOutbox();
        outbox.Committed("img", 0, [Created]);
        outbox.Committed("img", 1, [Created]);
        Assert.Equal(2, Drain(outbox).Count);
        outbox.Done("img");

        _ = outbox.SweepAsync("img");
        Assert.True(Assert.Single(Drain(outbox)).MarkerOnly);
        outbox.Done("img");
        outbox.Done("img");

        _ = outbox.SweepAsync("img");
        var swept = Assert.Single(Drain(outbox));
        Assert.False(swept.MarkerOnly);
        Assert.Null(swept.Events);
    }

    [Fact]
    public void Sweep_OfAnotherImage_ReadsItsPartition()
    {
        var outbox = new EventOutbox();
        outbox.Committed("img", 0, [Created]);

        _ = outbox.SweepAsync("other");

        Assert.Equal([("img", false), ("other", false)], Drain(outbox).Select(w => (w.ImageId, w.MarkerOnly)));
    }

    [Fact]
    public async Task Sweep_CompletesWhenTheDispatcherIsDoneWithIt()
    {
        var outbox = new EventOutbox();
        var sweep = outbox.SweepAsync("img");
        var work = Assert.Single(Drain(outbox));
        Assert.False(sweep.IsCompleted);

        outbox.Done("img");
        work.Completion!.TrySetResult();

        await sweep.WaitAsync(TimeSpan.FromSeconds(5));
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
