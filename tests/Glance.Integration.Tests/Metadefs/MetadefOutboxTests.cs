using Azure.Data.Tables;
using Glance.Domain.Events;
using Glance.Domain.Metadefs;
using Glance.Domain.Ports;
using Glance.Integration.Tests.Infrastructure;
using Glance.Storage;
using Glance.Storage.Events;
using Glance.Storage.Metadefs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Glance.Integration.Tests.Metadefs;

/// <summary>
/// The metadefs adapter's outbox against Azurite, as the image outbox is tested (EventTests): an event exists if and
/// only if its change committed, and one committed but never handed to the dispatcher (the process died, or an
/// instance was frozen) is published by the sweeper, with its id, in commit order.
/// </summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class MetadefOutboxTests(GlanceService service)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private IServiceProvider Services => service.Trusted.App.Services;

    private TableClient Table => Services.GetRequiredService<TableServiceClient>().GetTableClient(Services.GetRequiredService<IOptions<StorageOptions>>().Value.MetadefsTable);

    /// <summary>A repository whose outbox nobody reads: commits happen, the fast path never runs, as if the process died.</summary>
    private TableMetadefNamespaceRepository Orphaned(TimeProvider clock) => new(Services.GetRequiredService<TableServiceClient>(), new EventOutbox(),
        Services.GetRequiredService<IOptions<StorageOptions>>(), Options.Create(new EventOptions()), clock);

    private static NamespaceDetail New(DateTimeOffset now, params string[] tags)
    {
        var ns = new MetadefNamespace(Guid.NewGuid().ToString("N"), $"md-outbox-{Guid.NewGuid():N}", null, null, NamespaceVisibility.Private, false, "outbox", now, now);
        return new NamespaceDetail(ns, "", [], [], [], tags.Select(t => new MetadefTag(t, now, now)).ToList());
    }

    [Fact]
    public async Task StaleChange_PublishesNothing()
    {
        var repository = Services.GetRequiredService<IMetadefNamespaceRepository>();
        var created = New(DateTimeOffset.UtcNow);
        Assert.True(await repository.AddAsync(created, []));
        var name = created.Namespace.Name;
        var stale = (await repository.FindAsync(name, withContents: true))!;
        var tag = new MetadefTag("fresh", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
        await repository.SaveContentsAsync(stale, new ContentChanges { AddedTags = [tag] }, [MetadefEvents.TagCreate(name, tag, DateTimeOffset.UtcNow)]);
        var lost = MetadefEvents.TagCreate(name, tag with { Name = "lost" }, DateTimeOffset.UtcNow);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            repository.SaveContentsAsync(stale, new ContentChanges { AddedTags = [tag with { Name = "lost" }] }, [lost]));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => repository.SaveAsync(stale, stale.Namespace with { Description = "lost" }, [lost]));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => repository.DeleteAsync(stale, [lost]));

        var marker = MetadefEvents.NamespaceDelete(created.Namespace, DateTimeOffset.UtcNow);
        await repository.DeleteAsync((await repository.FindAsync(name, withContents: false))!, [marker]);
        var events = await service.Events.WaitForAsync(all => all.Any(e => e.GetProperty("id").GetString() == marker.Id), Patience);
        Assert.Contains(events, e => e.GetProperty("id").GetString() == marker.Id);
        Assert.DoesNotContain(events, e => e.GetProperty("id").GetString() == lost.Id);
    }

    [Fact]
    public async Task ProcessDiesBetweenCommitAndPublish_TheSweeperPublishesTheEvents()
    {
        var created = New(DateTimeOffset.UtcNow, "t");
        var events = MetadefEvents.Created(created, DateTimeOffset.UtcNow);

        Assert.True(await Orphaned(TimeProvider.System).AddAsync(created, events));

        var received = await service.Events.WaitForAsync(all => events.All(e => all.Any(r => r.GetProperty("id").GetString() == e.Id)), Patience);
        // At least once: both test hosts sweep the same storage, so two sweeps may both publish; ids stay, for de-duplication.
        Assert.Equal(["metadef_namespace.create", "metadef_tag.create"],
            received.Where(r => events.Any(e => e.Id == r.GetProperty("id").GetString())).DistinctBy(r => r.GetProperty("id").GetString())
                .Select(r => r.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task TimerSweepAlone_DeliversEveryWritePathsEventsInCommitOrderBeforeItReturns()
    {
        // Every kind of write (create, contents, attributes, delete), committed a minute ago by an instance frozen
        // right after answering; the delete leaves the events before it for the publisher.
        var aMinuteAgo = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-1));
        var now = aMinuteAgo.GetUtcNow();
        var repository = Orphaned(aMinuteAgo);
        var created = New(now);
        var name = created.Namespace.Name;
        var tag = new MetadefTag("t", now, now);
        var committed = new List<MetadefEvent> { MetadefEvents.NamespaceCreate(created.Namespace, now) };
        await repository.AddAsync(created, committed);
        committed.Add(MetadefEvents.TagCreate(name, tag, now));
        await repository.SaveContentsAsync((await repository.FindAsync(name, withContents: true))!, new ContentChanges { AddedTags = [tag] }, [committed[^1]]);
        var found = (await repository.FindAsync(name, withContents: false))!;
        var renamed = found.Namespace with { Name = name + "-renamed" };
        committed.Add(MetadefEvents.NamespaceUpdate(found.Namespace, renamed, now));
        await repository.SaveAsync(found, renamed, [committed[^1]]);
        committed.Add(MetadefEvents.NamespaceDelete(renamed, now));
        await repository.DeleteAsync((await repository.FindAsync(renamed.Name, withContents: false))!, [committed[^1]]);

        using var scope = Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<Glance.Functions.Functions.EventOutboxFunctions>()
            .SweepEventOutbox(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);

        // No waiting: what the invocation delivered is there when it returns, and the outbox rows are gone.
        var ids = committed.Select(e => e.Id).ToList();
        var delivered = service.Events.Events.Select(e => e.GetProperty("id").GetString()).Where(id => ids.Contains(id!)).Distinct();
        Assert.Equal(ids, delivered);
        var partition = MetadefKeys.Partition(created.Namespace.Id);
        Assert.Empty(await Table.QueryAsync<TableEntity>(e => e.PartitionKey == partition).ToListAsync());
    }
}
