using Glance.Domain.Idempotency;
using Glance.Domain.Ports;
using Glance.Integration.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Integration.Tests;

/// <summary>The idempotency adapter against Azurite: one claim per key, compare-and-set on the version, expired records purged.</summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class TableIdempotencyStoreTests(GlanceService service)
{
    private IIdempotencyStore Store => service.Trusted.App.Services.GetRequiredService<IIdempotencyStore>();

    private static IdempotencyRecord NewRecord(DateTimeOffset claimedAt, string key = "k/ey?#\\ with odd characters") =>
        IdempotencyRecord.Claim("project:store tests/" + Guid.NewGuid(), key, "f1", claimedAt, TimeSpan.FromHours(24));

    [Fact]
    public async Task AKey_IsClaimedOnce_AndChangedOnlyAtItsVersion()
    {
        var record = NewRecord(DateTimeOffset.UtcNow);

        var claim = await Store.TryAddAsync(record);
        var second = await Store.TryAddAsync(record);
        var answer = new StoredAnswer(201, new Dictionary<string, string> { ["Location"] = "/v2/images/x" }, [1, 2, 3]);
        var completed = await Store.TryReplaceAsync(record with { Answer = answer }, claim!.Version);
        var stale = await Store.TryReplaceAsync(record, claim.Version);
        var found = await Store.FindAsync(record.Scope, record.Key);

        Assert.Null(second);
        Assert.NotNull(completed);
        Assert.Null(stale);
        Assert.Equal(201, found!.Record.Answer!.Status);
        Assert.Equal("/v2/images/x", found.Record.Answer.Headers["Location"]);
        Assert.Equal([1, 2, 3], found.Record.Answer.Body);
        Assert.Equal(completed!.Version, found.Version);
    }

    [Fact]
    public async Task DeleteAtAnOldVersion_LeavesANewerClaim()
    {
        var record = NewRecord(DateTimeOffset.UtcNow);
        var first = await Store.TryAddAsync(record);
        var newer = await Store.TryReplaceAsync(record with { ClaimedAt = DateTimeOffset.UtcNow }, first!.Version);

        await Store.DeleteAsync(record.Scope, record.Key, first.Version);
        Assert.NotNull(await Store.FindAsync(record.Scope, record.Key));

        await Store.DeleteAsync(record.Scope, record.Key, newer!.Version);
        Assert.Null(await Store.FindAsync(record.Scope, record.Key));
    }

    [Fact]
    public async Task PurgeExpired_ForgetsOnlyExpiredKeys()
    {
        var expired = NewRecord(DateTimeOffset.UtcNow.AddDays(-2));
        var live = NewRecord(DateTimeOffset.UtcNow);
        await Store.TryAddAsync(expired);
        await Store.TryAddAsync(live);

        Assert.True(await Store.PurgeExpiredAsync(DateTimeOffset.UtcNow) >= 1);

        Assert.Null(await Store.FindAsync(expired.Scope, expired.Key));
        Assert.NotNull(await Store.FindAsync(live.Scope, live.Key));
    }
}
