using Azure.Data.Tables;
using Glance.Domain;
using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Identity;
using Glance.Domain.Metadefs;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Glance.Integration.Tests.Infrastructure;
using Glance.Storage;
using Glance.Storage.Metadefs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Glance.Integration.Tests.Metadefs;

/// <summary>
/// The metadefs adapter against Azurite (docs/metadefs.md): compare-and-set under racing writers, name claims left
/// by a crash, renames, and lists that read what the caller may see rather than the whole catalogue.
/// </summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class TableMetadefNamespaceRepositoryTests(GlanceService service)
{
    private static readonly Caller Admin = new("admins", "u", new HashSet<string>(["admin", "member", "reader"], StringComparer.Ordinal));

    private IServiceProvider Services => service.Trusted.App.Services;

    private IMetadefNamespaceRepository Repository => Services.GetRequiredService<IMetadefNamespaceRepository>();

    private TableClient Table => Services.GetRequiredService<TableServiceClient>()
        .GetTableClient(Services.GetRequiredService<IOptions<StorageOptions>>().Value.MetadefsTable);

    private TableMetadefNamespaceRepository RepositoryWith(TimeProvider clock, TableClientOptions? options = null) => new(
        options is null ? Services.GetRequiredService<TableServiceClient>() : new TableServiceClient(service.Azurite.ConnectionString, options),
        Services.GetRequiredService<Glance.Storage.Events.EventOutbox>(), Services.GetRequiredService<IOptions<StorageOptions>>(),
        Services.GetRequiredService<IOptions<Glance.Storage.Events.EventOptions>>(), clock);

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private static MetadefNamespace New(string name, string owner, string visibility = NamespaceVisibility.Private, string? description = null) =>
        new(Guid.NewGuid().ToString("N"), name, null, description, visibility, false, owner, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

    private async Task<MetadefNamespace> AddAsync(MetadefNamespace ns)
    {
        Assert.True(await Repository.AddAsync(new NamespaceDetail(ns, "", [], [], [], []), []));
        return ns;
    }

    [Fact]
    public async Task SaveAsync_RacingIncrements_LoseNoUpdate()
    {
        var ns = await AddAsync(New(Unique("md-race"), "race", description: "0"));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var attempt = 0; ; attempt++)
            {
                var found = (await Repository.FindAsync(ns.Name, withContents: false))!;
                var next = int.Parse(found.Namespace.Description!) + 1;
                try
                {
                    Assert.True(await Repository.SaveAsync(found, found.Namespace with { Description = next.ToString() }, []));
                    return;
                }
                catch (ConcurrencyConflictException) when (attempt < 100)
                {
                }
            }
        })));

        Assert.Equal("8", (await Repository.FindAsync(ns.Name, withContents: false))!.Namespace.Description);
    }

    [Fact]
    public async Task ReplaceAsync_ARivalCommitsBeforeEveryAttempt_Is409AfterTheRetriesAndKeepsTheRivalsWrite()
    {
        var ns = await AddAsync(New(Unique("md-rival"), "rival"));
        var rival = new RivalBeforeEverySave(Repository);
        var namespaces = new MetadefNamespaceService(rival, Services.GetRequiredService<MetadefPolicy>(), new ImageServiceOptions { UpdateAttempts = 3 }, TimeProvider.System);

        var error = await Assert.ThrowsAsync<GlanceException>(() =>
            namespaces.ReplaceAsync(Admin, ns.Name, new NamespaceReplacement(ns.Name, null, "mine", null, null, "rival")));

        Assert.Equal(GlanceErrorKind.Conflict, error.Kind);
        Assert.Equal(3, rival.Commits);
        Assert.Equal("rival-3", (await Repository.FindAsync(ns.Name, withContents: false))!.Namespace.Description);
    }

    [Fact]
    public async Task AddAsync_ClaimLeftByACrash_IsRespectedWhileYoungAndTakenOverOnceAbandoned()
    {
        var name = Unique("md-crash");
        // The claim a create wrote before it died, without the namespace partition it was about to commit.
        await Table.AddEntityAsync(new TableEntity("names", "name:" + name) { ["Id"] = Guid.NewGuid().ToString("N"), ["Namespace"] = name });
        Assert.Null(await Repository.FindAsync(name, withContents: false));

        Assert.False(await Repository.AddAsync(new NamespaceDetail(New(name, "crash"), "", [], [], [], []), []));

        var later = new FakeTimeProvider(DateTimeOffset.UtcNow + TableMetadefNamespaceRepository.AbandonedClaimAfter + TimeSpan.FromSeconds(10));
        var taker = New(name, "crash");
        Assert.True(await RepositoryWith(later).AddAsync(new NamespaceDetail(taker, "", [], [], [], []), []));
        Assert.Equal(taker.Id, (await Repository.FindAsync(name, withContents: false))!.Namespace.Id);
    }

    [Fact]
    public async Task AddAsync_ClaimOfALiveNamespace_IsNeverTakenOver()
    {
        var live = await AddAsync(New(Unique("md-live"), "live"));
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(1));

        Assert.False(await RepositoryWith(later).AddAsync(new NamespaceDetail(New(live.Name, "other"), "", [], [], [], []), []));
        Assert.Equal(live.Id, (await Repository.FindAsync(live.Name, withContents: false))!.Namespace.Id);
    }

    [Fact]
    public async Task SaveAsync_Rename_FreesTheOldNameAndListsTheNewOne()
    {
        var owner = Unique("rename");
        var ns = await AddAsync(New(Unique("md-old"), owner, NamespaceVisibility.Public));
        var found = (await Repository.FindAsync(ns.Name, withContents: false))!;
        var renamed = ns with { Name = Unique("md-new") };

        Assert.True(await Repository.SaveAsync(found, renamed, []));

        Assert.Null(await Repository.FindAsync(ns.Name, withContents: false));
        Assert.Equal(ns.Id, (await Repository.FindAsync(renamed.Name, withContents: false))!.Namespace.Id);
        Assert.False((await Table.GetEntityIfExistsAsync<TableEntity>("names", "name:" + ns.Name)).HasValue);
        foreach (var scope in new[] { NamespaceScope.OwnedBy(owner), NamespaceScope.Public, NamespaceScope.All })
        {
            var listed = (await Repository.ListAsync([scope])).Where(n => n.Id == ns.Id).ToList();
            Assert.Equal(renamed.Name, Assert.Single(listed).Name);
        }
        var again = await AddAsync(New(ns.Name, owner));
        Assert.Equal(new[] { again.Name, renamed.Name }.Order(), (await Repository.ListAsync([NamespaceScope.OwnedBy(owner)])).Select(n => n.Name).Order());
    }

    [Fact]
    public async Task SaveAsync_OfANamespaceDeletedSinceItWasRead_IsAConflictAndLeavesNothingBehind()
    {
        var owner = Unique("gone");
        var ns = await AddAsync(New(Unique("md-gone"), owner));
        var found = (await Repository.FindAsync(ns.Name, withContents: false))!;
        await Repository.DeleteAsync((await Repository.FindAsync(ns.Name, withContents: true))!, []);
        var renamed = ns with { Name = Unique("md-gone-new") };

        // A conflict, so that the service's retry reads again and answers 404, not a storage error and a 500.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Repository.SaveAsync(found, renamed, []));

        Assert.Null(await Repository.FindAsync(renamed.Name, withContents: false));
        Assert.False((await Table.GetEntityIfExistsAsync<TableEntity>("names", "name:" + renamed.Name)).HasValue);
        Assert.Empty(await Repository.ListAsync([NamespaceScope.OwnedBy(owner)]));
    }

    [Fact]
    public async Task SaveAsync_RenameToATakenName_ChangesNothing()
    {
        var owner = Unique("taken");
        var first = await AddAsync(New(Unique("md-a"), owner));
        var second = await AddAsync(New(Unique("md-b"), owner));
        var found = (await Repository.FindAsync(second.Name, withContents: false))!;

        Assert.False(await Repository.SaveAsync(found, second with { Name = first.Name }, []));

        Assert.Equal(first.Id, (await Repository.FindAsync(first.Name, withContents: false))!.Namespace.Id);
        Assert.Equal(second.Id, (await Repository.FindAsync(second.Name, withContents: false))!.Namespace.Id);
    }

    [Fact]
    public async Task ListAsync_Project_ReadsItsOwnAndThePublicCopiesOnly()
    {
        var mine = Unique("lister");
        var other = Unique("crowd");
        await AddAsync(New(Unique("md-mine"), mine));
        for (var i = 0; i < 6; i++)
        {
            await AddAsync(New(Unique("md-crowd"), other));
        }
        var publicCopies = await CountAsync("list:public");
        var counter = new RowCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerCall);

        var listed = await RepositoryWith(TimeProvider.System, options).ListAsync([NamespaceScope.Public, NamespaceScope.OwnedBy(mine)]);

        Assert.Single(listed, n => n.Owner == mine);
        Assert.DoesNotContain(listed, n => n.Owner == other);
        Assert.All(counter.Filters, f => Assert.DoesNotContain("'names'", f));
        // Other tests may add public namespaces meanwhile; none of the crowd's private ones is read.
        Assert.InRange(counter.Rows, publicCopies + 1, await CountAsync("list:public") + 1);
    }

    [Fact]
    public async Task ListPage_OfManyNamespaces_ReadsOnePartitionPerNamespaceShown()
    {
        var owner = Unique("pager");
        for (var i = 0; i < 6; i++)
        {
            await AddAsync(New(Unique("md-page"), owner));
        }
        var counter = new RowCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerCall);
        var namespaces = new MetadefNamespaceService(
            RepositoryWith(TimeProvider.System, options), Services.GetRequiredService<MetadefPolicy>(), new ImageServiceOptions(), TimeProvider.System);
        var reader = new Caller(owner, "u", new HashSet<string>(["reader"], StringComparer.Ordinal));

        var page = await namespaces.ListAsync(reader, new NamespaceListQuery(2, Visibility: NamespaceVisibility.Private));

        Assert.Equal(2, page.Namespaces.Count);
        Assert.Equal(2, counter.Filters.Count(f => f.Contains("'ns:", StringComparison.Ordinal)));
    }

    private async Task<int> CountAsync(string partition)
    {
        var count = 0;
        await foreach (var _ in Table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["RowKey"]))
        {
            count++;
        }
        return count;
    }

    /// <summary>A writer that commits its own change just before each of the service's saves, so that every save loses.</summary>
    private sealed class RivalBeforeEverySave(IMetadefNamespaceRepository inner) : IMetadefNamespaceRepository
    {
        public int Commits { get; private set; }

        public async Task<bool> SaveAsync(NamespaceDetail found, MetadefNamespace changed, IReadOnlyList<MetadefEvent> events, CancellationToken cancellationToken = default)
        {
            var current = (await inner.FindAsync(found.Namespace.Name, withContents: false, cancellationToken))!;
            await inner.SaveAsync(current, current.Namespace with { Description = $"rival-{++Commits}" }, [], cancellationToken);
            return await inner.SaveAsync(found, changed, events, cancellationToken);
        }

        public Task<NamespaceDetail?> FindAsync(string name, bool withContents, CancellationToken cancellationToken = default) =>
            inner.FindAsync(name, withContents, cancellationToken);

        public Task<NamespaceDetail?> ReadListedAsync(MetadefNamespace listed, CancellationToken cancellationToken = default) =>
            inner.ReadListedAsync(listed, cancellationToken);

        public Task<bool> AddAsync(NamespaceDetail created, IReadOnlyList<MetadefEvent> events, CancellationToken cancellationToken = default) =>
            inner.AddAsync(created, events, cancellationToken);

        public Task DeleteAsync(NamespaceDetail found, IReadOnlyList<MetadefEvent> events, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(found, events, cancellationToken);

        public Task<IReadOnlyList<ResourceType>> ListResourceTypesAsync(CancellationToken cancellationToken = default) =>
            inner.ListResourceTypesAsync(cancellationToken);

        public Task SaveContentsAsync(NamespaceDetail found, ContentChanges changes, IReadOnlyList<MetadefEvent> events, CancellationToken cancellationToken = default) =>
            inner.SaveContentsAsync(found, changes, events, cancellationToken);

        public Task<IReadOnlyList<MetadefNamespace>> ListAsync(IReadOnlyList<NamespaceScope> scopes, CancellationToken cancellationToken = default) =>
            inner.ListAsync(scopes, cancellationToken);
    }
}
