using Glance.Domain.Application;
using Glance.Domain.Errors;
using Glance.Domain.Ports;

namespace Glance.Domain.Tests.Application;

public sealed class ImageUpdaterTests
{
    private readonly ImageUpdater _updater = new(new ImageServiceOptions { UpdateAttempts = 3 }, TimeProvider.System);
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
}
