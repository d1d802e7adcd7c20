using Glance.Domain.Application;
using Glance.Domain.Events;
using Glance.Domain.Images;
using Glance.Domain.Ports;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Glance.Domain.Tests.Restore;

/// <summary>The purge of images whose retention ended: decided on each image's record, safe to repeat.</summary>
public sealed class RetainedImagePurgeTests
{
    private readonly Mock<IImageRepository> _images = new();
    private readonly Mock<IPurgeSchedule> _schedule = new();
    private readonly Mock<IImageDataStore> _data = new();
    private readonly FakeTimeProvider _clock = new(TestImages.Now + RetainedImages.Window + TimeSpan.FromMinutes(1));
    private readonly RetainedImagePurge _purge;

    public RetainedImagePurgeTests()
    {
        _purge = new RetainedImagePurge(_images.Object, _schedule.Object, _data.Object, TestImages.Updater(_images.Object), _clock);
    }

    private ScheduledPurge Scheduled(Image image)
    {
        _images.Holds(image.Id, image);
        return new ScheduledPurge(image.Id, TestImages.Now + RetainedImages.Window);
    }

    private void Due(params ScheduledPurge[] entries) =>
        _schedule.Setup(s => s.DueAsync(_clock.GetUtcNow(), It.IsAny<int>(), It.IsAny<CancellationToken>())).Returns(entries.ToAsyncEnumerable());

    [Fact]
    public async Task PurgeDueAsync_WindowEnded_EndsRetentionFirstThenDeletesEveryBlobThenTheEntry()
    {
        var image = RetainedImages.Deleted(RetainedImages.WithBytes("p1"));
        var entry = Scheduled(image);
        Due(entry);
        var steps = new List<string>();
        _images.Setup(r => r.SaveAsync(image, It.Is<IReadOnlyList<ImageEvent>>(e => e.Count == 0), It.IsAny<CancellationToken>()))
            .Callback(() => steps.Add($"save restorable={image.IsRestorable(TestImages.Now)}")).Returns(Task.CompletedTask);
        _data.Setup(d => d.DeleteAsync(image.Id, "lease", It.IsAny<CancellationToken>())).Callback(() => steps.Add("bytes")).Returns(Task.CompletedTask);
        _schedule.Setup(s => s.RemoveAsync(entry, It.IsAny<CancellationToken>())).Callback(() => steps.Add("entry")).Returns(Task.CompletedTask);

        var run = await _purge.PurgeDueAsync();

        Assert.Equal((1, 0), (run.Purged, run.Failures.Count));
        Assert.Equal(["save restorable=False", "bytes", "entry"], steps);
    }

    [Fact]
    public async Task PurgeDueAsync_RestoredImage_KeepsItsBytesAndDropsTheEntry()
    {
        var image = RetainedImages.Deleted(RetainedImages.WithBytes("p1"));
        image.Undelete(TestImages.Now.AddHours(1));
        var entry = Scheduled(image);
        Due(entry);

        var run = await _purge.PurgeDueAsync();

        Assert.Equal(0, run.Purged);
        _data.VerifyNoOtherCalls();
        _images.Verify(r => r.SaveAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()), Times.Never);
        _schedule.Verify(s => s.RemoveAsync(entry, It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task PurgeDueAsync_DeletedAgainWithALaterWindow_LeavesItForItsOwnEntry()
    {
        var image = RetainedImages.WithBytes("p1");
        image.MarkDeleted(_clock.GetUtcNow(), RetainedImages.Window);
        Due(Scheduled(image));

        var run = await _purge.PurgeDueAsync();

        Assert.Equal(0, run.Purged);
        Assert.True(image.IsRestorable(_clock.GetUtcNow()));
        _data.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task PurgeDueAsync_AfterACrashBetweenItsSteps_DeletesTheBytesAgain()
    {
        var image = RetainedImages.Deleted(RetainedImages.WithBytes("p1"));
        image.EndRetention();
        Due(Scheduled(image));

        var run = await _purge.PurgeDueAsync();

        Assert.Equal(1, run.Purged);
        _data.Verify(d => d.DeleteAsync(image.Id, "lease", It.IsAny<CancellationToken>()), Times.Once);
        _images.Verify(r => r.SaveAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task PurgeDueAsync_OneImageFails_TheOthersArePurgedAndItsEntryStays()
    {
        var failing = RetainedImages.Deleted(RetainedImages.WithBytes("p1"));
        var fine = RetainedImages.Deleted(RetainedImages.WithBytes("p1"));
        var failingEntry = Scheduled(failing);
        Due(failingEntry, Scheduled(fine));
        _data.Setup(d => d.DeleteAsync(failing.Id, It.IsAny<string?>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("storage down"));

        var run = await _purge.PurgeDueAsync(maxPerRun: 7);

        Assert.Equal(1, run.Purged);
        Assert.Equal(failing.Id, Assert.Single(run.Failures).ImageId);
        _schedule.Verify(s => s.DueAsync(_clock.GetUtcNow(), 7, It.IsAny<CancellationToken>()));
        _schedule.Verify(s => s.RemoveAsync(failingEntry, It.IsAny<CancellationToken>()), Times.Never);
    }
}
