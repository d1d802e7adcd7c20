using Glance.Domain.Events;
using Glance.Storage.Events;

namespace Glance.Integration.Tests;

/// <summary>
/// The outbox's queue in one process: a sweep of a partition whose work is still waiting queues only a marker behind it
/// (that work publishes what is pending before it, so a dispatcher that is behind gets no extra partition reads),
/// counts so once all of a partition's work is done a sweep reads the partition again, and a sweep says when its work
/// is done. A partition is a table's: the same key in another table is another outbox.
/// </summary>
public sealed class EventOutboxTests
{
    private static readonly ImageEvent Created = new("e1", "image.create", "img", DateTimeOffset.UnixEpoch, new EventPayload.Failure("test"), "INFO");
    private static readonly OutboxPartition Img = new("images", "img");

    private static OutboxCommit Commit(long first, OutboxPartition? partition = null) => OutboxCommit.OnePerEvent(partition ?? Img, "img", first, [Created]);

    [Fact]
    public void Sweep_WhileTheImagesWorkWaits_QueuesOnlyAMarker()
    {
        var outbox = new EventOutbox();
        outbox.Committed(Commit(0));

        _ = outbox.SweepAsync(Img);

        var work = Drain(outbox);
        Assert.Equal([false, true], work.Select(w => w.MarkerOnly));
    }

    [Fact]
    public void Sweep_AfterAllTheImagesWorkIsDone_ReadsThePartition()
    {
        var outbox = new EventOutbox();
        outbox.Committed(Commit(0));
        outbox.Committed(Commit(1));
        Assert.Equal(2, Drain(outbox).Count);
        outbox.Done(Img);

        _ = outbox.SweepAsync(Img);
        Assert.True(Assert.Single(Drain(outbox)).MarkerOnly);
        outbox.Done(Img);
        outbox.Done(Img);

        _ = outbox.SweepAsync(Img);
        var swept = Assert.Single(Drain(outbox));
        Assert.False(swept.MarkerOnly);
        Assert.Null(swept.Rows);
    }

    [Theory]
    [InlineData("images", "other")]
    [InlineData("metadefs", "img")]
    public void Sweep_OfAnotherPartition_ReadsIt(string table, string key)
    {
        var outbox = new EventOutbox();
        var other = new OutboxPartition(table, key);
        outbox.Committed(Commit(0));

        _ = outbox.SweepAsync(other);

        Assert.Equal([(Img, false), (other, false)], Drain(outbox).Select(w => (w.Partition, w.MarkerOnly)));
    }

    [Fact]
    public void Committed_WithoutRows_QueuesNothing()
    {
        var outbox = new EventOutbox();

        outbox.Committed(OutboxCommit.Packed(Img, "img", 0, []));

        Assert.Empty(Drain(outbox));
    }

    [Fact]
    public async Task Sweep_CompletesWhenTheDispatcherIsDoneWithIt()
    {
        var outbox = new EventOutbox();
        var sweep = outbox.SweepAsync(Img);
        var work = Assert.Single(Drain(outbox));
        Assert.False(sweep.IsCompleted);

        outbox.Done(Img);
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
