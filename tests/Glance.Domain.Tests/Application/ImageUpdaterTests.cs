using Glance.Domain.Application;
using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Images;
using Glance.Domain.Ports;
using Moq;

namespace Glance.Domain.Tests.Application;

public sealed class ImageUpdaterTests
{
    private readonly ImageUpdater _updater = new(Mock.Of<IImageRepository>(), new ImageServiceOptions { UpdateAttempts = 3 }, TimeProvider.System);
    private readonly List<bool> _attempts = [];

    [Fact]
    public async Task UpdateFromRecent_RefusedOnTheRecentState_IsDecidedAgainOnAFreshRead()
    {
        var result = await _updater.UpdateFromRecentAsync(recent =>
        {
            _attempts.Add(recent);
            return recent ? throw new GlanceException(GlanceErrorKind.NotAllowed, "protected, as this instance last saw it") : Task.FromResult("deleted");
        }, () => new GlanceException(GlanceErrorKind.Conflict, "conflict"), CancellationToken.None);

        Assert.Equal("deleted", result);
        Assert.Equal([true, false], _attempts);
    }

    [Fact]
    public async Task UpdateFromRecent_RefusedOnAFreshRead_IsTheAnswer()
    {
        var error = await Assert.ThrowsAsync<GlanceException>(() => _updater.UpdateFromRecentAsync<string>(recent =>
        {
            _attempts.Add(recent);
            throw new GlanceException(GlanceErrorKind.NotAllowed, recent ? "old" : "current");
        }, () => new GlanceException(GlanceErrorKind.Conflict, "conflict"), CancellationToken.None));

        Assert.Equal("current", error.Message);
        Assert.Equal([true, false], _attempts);
    }

    [Fact]
    public async Task UpdateFromRecent_AlwaysLosingTheRace_TriesTheConfiguredNumberOfTimesThenAnswersConflict()
    {
        var error = await Assert.ThrowsAsync<GlanceException>(() => _updater.UpdateFromRecentAsync<string>(recent =>
        {
            _attempts.Add(recent);
            throw new ConcurrencyConflictException("lost");
        }, () => new GlanceException(GlanceErrorKind.Conflict, "retry the update"), CancellationToken.None));

        Assert.Equal(GlanceErrorKind.Conflict, error.Kind);
        Assert.Equal([true, false, false], _attempts);
    }

    [Fact]
    public async Task Update_NeverDecidesOnARecentState()
    {
        var rounds = 0;
        var result = await _updater.UpdateAsync(() => ++rounds < 2 ? throw new ConcurrencyConflictException("lost") : Task.FromResult(rounds),
            () => new GlanceException(GlanceErrorKind.Conflict, "conflict"), CancellationToken.None);

        Assert.Equal(2, result);
    }

    [Fact]
    public async Task UpdateImage_LosingARace_DecidesAgainOnTheImageAsItIsNow()
    {
        var images = new Mock<IImageRepository>();
        var reads = 0;
        images.Setup(r => r.FindAsync("i1", It.IsAny<CancellationToken>())).ReturnsAsync(() => new Image("i1", TestImages.Now) { Name = $"read {++reads}" });
        images.SetupSequence(r => r.SaveAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConcurrencyConflictException("lost"))
            .Returns(Task.CompletedTask);
        var seen = new List<string?>();

        var saved = await new ImageUpdater(images.Object, new ImageServiceOptions(), TimeProvider.System)
            .UpdateImageAsync("i1", image => seen.Add(image.Name), CancellationToken.None);

        Assert.Equal(["read 1", "read 2"], seen);
        Assert.Equal("read 2", saved.Name);
    }

    [Fact]
    public async Task UpdateImage_ImageDeleted_IsGoneAndSavesNothing()
    {
        var images = new Mock<IImageRepository>(MockBehavior.Strict);
        var deleted = new Image("i1", TestImages.Now);
        deleted.MarkDeleted(TestImages.Now);
        images.Setup(r => r.FindAsync("i1", It.IsAny<CancellationToken>())).ReturnsAsync(deleted);

        var error = await Assert.ThrowsAsync<GlanceException>(() => new ImageUpdater(images.Object, new ImageServiceOptions(), TimeProvider.System)
            .UpdateImageAsync("i1", _ => Assert.Fail("decided on a deleted image"), CancellationToken.None));

        Assert.Equal(GlanceErrorKind.Gone, error.Kind);
    }

    [Fact]
    public async Task UpdateImage_ChangeWithNothingToSave_SavesNothing()
    {
        var images = new Mock<IImageRepository>(MockBehavior.Strict);
        images.Setup(r => r.FindAsync("i1", It.IsAny<CancellationToken>())).ReturnsAsync(new Image("i1", TestImages.Now));

        await new ImageUpdater(images.Object, new ImageServiceOptions(), TimeProvider.System).UpdateImageAsync("i1", _ => false, CancellationToken.None);
    }
}
