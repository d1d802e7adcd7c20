using Glance.Domain.Application;
using Glance.Domain.Idempotency;
using Glance.Domain.Ports;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Glance.Domain.Tests.Idempotency;

/// <summary>The first request with a key runs; the same request again gets its answer; another request with the key is refused.</summary>
public sealed class IdempotencyKeysTests
{
    private const string Scope = "project:p1";
    private const string Key = "create-debian-12";
    private static readonly StoredAnswer Created = new(201, new Dictionary<string, string> { ["Location"] = "/v2/images/1" }, [1, 2, 3]);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));
    private readonly Mock<IIdempotencyStore> _store = new();
    private readonly IdempotencyOptions _options = new();

    private IdempotencyKeys Keys => new(_store.Object, _options, _clock);

    private void Stored(IdempotencyRecord record, string version = "v1") =>
        _store.Setup(s => s.FindAsync(Scope, Key, It.IsAny<CancellationToken>())).ReturnsAsync(new IdempotencyClaim(record, version));

    private IdempotencyRecord Record(string fingerprint, StoredAnswer? answer = null, TimeSpan? age = null)
    {
        var claimedAt = _clock.GetUtcNow() - (age ?? TimeSpan.Zero);
        return new IdempotencyRecord(Scope, Key, fingerprint, claimedAt, claimedAt + _options.Lifetime, answer);
    }

    [Fact]
    public async Task Begin_ANewKey_ClaimsItAndRuns()
    {
        _store.Setup(s => s.TryAddAsync(It.IsAny<IdempotencyRecord>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IdempotencyRecord r, CancellationToken _) => new IdempotencyClaim(r, "v1"));

        var decision = await Keys.BeginAsync(Scope, Key, "f1");

        var run = Assert.IsType<IdempotencyDecision.Run>(decision);
        Assert.Equal("f1", run.Claim.Record.Fingerprint);
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromHours(24), run.Claim.Record.ExpiresAt);
        Assert.False(run.Claim.Record.IsComplete);
    }

    [Fact]
    public async Task Begin_TheSameRequestAfterItSucceeded_ReplaysItsAnswer()
    {
        Stored(Record("f1", Created, age: TimeSpan.FromHours(23)));

        var decision = await Keys.BeginAsync(Scope, Key, "f1");

        Assert.Same(Created, Assert.IsType<IdempotencyDecision.Replay>(decision).Answer);
        _store.Verify(s => s.TryReplaceAsync(It.IsAny<IdempotencyRecord>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Begin_AnotherRequestWithTheKey_IsAMismatch_EvenWhileTheFirstRuns()
    {
        Stored(Record("f1", Created));
        Assert.IsType<IdempotencyDecision.Mismatch>(await Keys.BeginAsync(Scope, Key, "f2"));

        Stored(Record("f1"));
        Assert.IsType<IdempotencyDecision.Mismatch>(await Keys.BeginAsync(Scope, Key, "f2"));
    }

    [Fact]
    public async Task Begin_TheSameRequestWhileTheFirstRuns_IsInProgress()
    {
        Stored(Record("f1", age: TimeSpan.FromMinutes(4)));

        Assert.IsType<IdempotencyDecision.InProgress>(await Keys.BeginAsync(Scope, Key, "f1"));
    }

    [Theory]
    [InlineData(6, false)]
    [InlineData(25 * 60, true)]
    public async Task Begin_AnAbandonedOrExpiredRecord_IsTakenOverByCompareAndSet(int minutesOld, bool complete)
    {
        Stored(Record("f1", complete ? Created : null, age: TimeSpan.FromMinutes(minutesOld)), "old");
        _store.Setup(s => s.TryReplaceAsync(It.IsAny<IdempotencyRecord>(), "old", It.IsAny<CancellationToken>()))
            .ReturnsAsync((IdempotencyRecord r, string _, CancellationToken _) => new IdempotencyClaim(r, "new"));

        var decision = await Keys.BeginAsync(Scope, Key, "f1");

        var run = Assert.IsType<IdempotencyDecision.Run>(decision);
        Assert.Equal("new", run.Claim.Version);
        Assert.Equal(_clock.GetUtcNow(), run.Claim.Record.ClaimedAt);
    }

    [Fact]
    public async Task Begin_LosingTheRaceToAdd_ReadsWhatTheWinnerWrote()
    {
        _store.SetupSequence(s => s.FindAsync(Scope, Key, It.IsAny<CancellationToken>()))
            .ReturnsAsync((IdempotencyClaim?)null)
            .ReturnsAsync(new IdempotencyClaim(Record("f1"), "v1"));
        _store.Setup(s => s.TryAddAsync(It.IsAny<IdempotencyRecord>(), It.IsAny<CancellationToken>())).ReturnsAsync((IdempotencyClaim?)null);

        Assert.IsType<IdempotencyDecision.InProgress>(await Keys.BeginAsync(Scope, Key, "f1"));
    }

    [Fact]
    public async Task CompleteAndRelease_ChangeTheClaimedVersionOnly()
    {
        var claim = new IdempotencyClaim(Record("f1"), "v7");

        await Keys.CompleteAsync(claim, Created);
        await Keys.ReleaseAsync(claim);

        _store.Verify(s => s.TryReplaceAsync(It.Is<IdempotencyRecord>(r => r.Answer == Created && r.Fingerprint == "f1"), "v7", It.IsAny<CancellationToken>()));
        _store.Verify(s => s.DeleteAsync(Scope, Key, "v7", It.IsAny<CancellationToken>()));
    }
}
