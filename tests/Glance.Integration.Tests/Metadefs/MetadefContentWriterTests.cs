using Glance.Domain.Identity;
using Glance.Domain.Metadefs;
using Glance.Domain.Ports;
using Glance.Integration.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Integration.Tests.Metadefs;

/// <summary>
/// Changes of a namespace's contents against Azurite: one compare-and-set with the namespace row, so racing changes
/// all land or are decided again, a stale one changes nothing, renames keep Glance's order, and a kind is emptied past
/// a transaction's 100 rows.
/// </summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class MetadefContentWriterTests(GlanceService service)
{
    private static readonly Caller Admin = new("admins", "u", new HashSet<string>(["admin", "member", "reader"], StringComparer.Ordinal));

    private IMetadefNamespaceRepository Repository => service.Trusted.App.Services.GetRequiredService<IMetadefNamespaceRepository>();

    private MetadefTagService Tags => service.Trusted.App.Services.GetRequiredService<MetadefTagService>();

    private async Task<string> CreateAsync(params string[] tags)
    {
        var name = $"md-writer-{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        var ns = new MetadefNamespace(Guid.NewGuid().ToString("N"), name, null, null, NamespaceVisibility.Private, false, "writer", now, now);
        Assert.True(await Repository.AddAsync(new NamespaceDetail(ns, "", [], [], [], tags.Select(t => new MetadefTag(t, now, now)).ToList()), []));
        return name;
    }

    private async Task<List<string>> TagNamesAsync(string ns) =>
        (await Tags.ListAsync(Admin, ns, new ChildListQuery(SortKey: ChildSortKey.CreatedAt, Ascending: true))).Select(t => t.Name).ToList();

    [Fact]
    public async Task RacingTagCreates_AllLand()
    {
        var ns = await CreateAsync();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Tags.CreateAsync(Admin, ns, $"t{i}"))));

        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"t{i}").Order(), (await TagNamesAsync(ns)).Order());
    }

    [Fact]
    public async Task SaveContentsAsync_DecidedOnAStaleRead_ThrowsAndChangesNothing()
    {
        var ns = await CreateAsync("a");
        var stale = (await Repository.FindAsync(ns, withContents: true))!;
        await Tags.CreateAsync(Admin, ns, "b");

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Repository.SaveContentsAsync(stale, new ContentChanges { RemoveAllTags = true, AddedTags = [new("c", default, default)] }, []));

        Assert.Equal(["a", "b"], await TagNamesAsync(ns));
    }

    [Fact]
    public async Task ReplacingTheTagsWithOnesThatRepeatAnExistingTag_LeavesExactlyTheNewOnes()
    {
        var ns = await CreateAsync("a", "b", "c");

        await Tags.CreateManyAsync(Admin, ns, ["c", "d"], append: false);

        Assert.Equal(["c", "d"], await TagNamesAsync(ns));
    }

    [Fact]
    public async Task Rename_KeepsTheTagsPlaceInCreationOrder()
    {
        var ns = await CreateAsync("a", "b", "c");

        await Tags.RenameAsync(Admin, ns, "a", "z");

        Assert.Equal(["z", "b", "c"], await TagNamesAsync(ns));
    }

    [Fact]
    public async Task DeleteAll_MoreTagsThanATransactionHolds_RemovesEveryOne()
    {
        var ns = await CreateAsync();
        await Tags.CreateManyAsync(Admin, ns, Enumerable.Range(0, 150).Select(i => $"tag-{i}").ToList(), append: true);
        Assert.Equal(150, (await TagNamesAsync(ns)).Count);

        await Tags.DeleteAllAsync(Admin, ns);

        Assert.Empty(await TagNamesAsync(ns));
        Assert.Empty((await Repository.FindAsync(ns, withContents: true))!.Tags);
    }

    [Fact]
    public async Task Associate_RegistersTheResourceTypeOnceAndKeepsIt()
    {
        var ns = await CreateAsync();
        var resourceTypes = service.Trusted.App.Services.GetRequiredService<MetadefResourceTypeService>();
        var type = $"RT-writer-{Guid.NewGuid():N}";

        await resourceTypes.AssociateAsync(Admin, ns, new NewAssociation(type, "w_", null));
        var registered = Assert.Single(await Repository.ListResourceTypesAsync(), t => t.Name == type);
        await resourceTypes.DissociateAsync(Admin, ns, type);
        await resourceTypes.AssociateAsync(Admin, ns, new NewAssociation(type, null, null));

        Assert.Equal(registered, Assert.Single(await Repository.ListResourceTypesAsync(), t => t.Name == type));
    }
}
