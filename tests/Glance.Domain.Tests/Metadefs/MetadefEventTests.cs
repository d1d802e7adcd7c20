using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Metadefs;
using Moq;
using static Glance.Domain.Tests.Metadefs.MetadefCallers;
using static Glance.Domain.Tests.Metadefs.MetadefContentsFixture;

namespace Glance.Domain.Tests.Metadefs;

/// <summary>
/// Which events each metadef use case hands the repository with its change (glance/notifier.py's Metadef*RepoProxy):
/// their types in Glance's order, the names before a rename, the deleted flags; none for a refused change or a load.
/// </summary>
public sealed class MetadefEventTests
{
    private static readonly MetadefObject Obj = new("o", "d", ["x"], [new("p", """{"type":"string"}""")], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
    private static readonly MetadefPropertyDefinition Prop = new("cores", """{"name":"cores","title":"Cores","type":"integer"}""");
    private static readonly ResourceTypeAssociation Image = new("OS::Glance::Image", "hw_", null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    private readonly MetadefContentsFixture _fixture = new();

    private DateTimeOffset Now => _fixture.Clock.GetUtcNow();

    private NamespaceDetail HoldsContents() => _fixture.Holds(Namespace() with { Objects = [Obj], Properties = [Prop], Tags = [Tag("t", 1)], Associations = [Image] });

    private MetadefNamespaceService Namespaces() =>
        new(_fixture.Repository.Object, MetadefContentsFixture.Policy(), new ImageServiceOptions { UpdateAttempts = 3 }, _fixture.Clock);

    private List<string> Types() => _fixture.Events.Select(e => e.Type).ToList();

    [Fact]
    public async Task CreateNamespace_WithContents_ReportsEachItemInTheOrderGlancesCreateAddsThem()
    {
        IReadOnlyList<MetadefEvent> events = [];
        _fixture.Repository.Setup(r => r.AddAsync(It.IsAny<NamespaceDetail>(), It.IsAny<IReadOnlyList<MetadefEvent>>(), It.IsAny<CancellationToken>()))
            .Callback<NamespaceDetail, IReadOnlyList<MetadefEvent>, CancellationToken>((_, e, _) => events = e).ReturnsAsync(true);
        var request = new NewNamespace("ns")
        {
            Properties = [Prop],
            Tags = ["t1", "t2"],
            Objects = [new NewObject("o", null, null, [])],
            Associations = [new NewAssociation("OS::Glance::Image", "hw_", null)],
        };

        await Namespaces().CreateAsync(Admin(), request);

        Assert.Equal(["metadef_namespace.create", "metadef_resource_type.create", "metadef_object.create", "metadef_tag.create", "metadef_tag.create",
            "metadef_property.create"], events.Select(e => e.Type));
        Assert.Equal(["/metadefs/namespaces/ns", "/metadefs/namespaces/ns/resource_types/OS%3A%3AGlance%3A%3AImage", "/metadefs/namespaces/ns/objects/o",
            "/metadefs/namespaces/ns/tags/t1", "/metadefs/namespaces/ns/tags/t2", "/metadefs/namespaces/ns/properties/cores"], events.Select(e => e.Subject));
        Assert.All(events, e => Assert.Equal(("INFO", Now), (e.Priority, e.Time)));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task CreateNamespace_NameTaken_ReportsNothing()
    {
        _fixture.Repository.Setup(r => r.AddAsync(It.IsAny<NamespaceDetail>(), It.IsAny<IReadOnlyList<MetadefEvent>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(false);

        await Assert.ThrowsAsync<GlanceException>(() => Namespaces().CreateAsync(Admin(), new NewNamespace("ns")));

        // The events went with the refused write, which stored nothing: there is nothing else that could publish them.
        _fixture.Repository.Verify(r => r.AddAsync(It.IsAny<NamespaceDetail>(), It.IsAny<IReadOnlyList<MetadefEvent>>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ReplaceNamespace_Rename_ReportsTheOldName()
    {
        HoldsContents();
        IReadOnlyList<MetadefEvent> events = [];
        _fixture.Repository.Setup(r => r.SaveAsync(It.IsAny<NamespaceDetail>(), It.IsAny<MetadefNamespace>(), It.IsAny<IReadOnlyList<MetadefEvent>>(),
                It.IsAny<CancellationToken>()))
            .Callback<NamespaceDetail, MetadefNamespace, IReadOnlyList<MetadefEvent>, CancellationToken>((_, _, e, _) => events = e).ReturnsAsync(true);

        await Namespaces().ReplaceAsync(Admin(), "ns", new NamespaceReplacement("renamed", null, null, null, null, null));

        var update = Assert.Single(events);
        var state = Assert.IsType<EventPayload.NamespaceState>(update.Payload);
        Assert.Equal(("metadef_namespace.update", "/metadefs/namespaces/renamed"), (update.Type, update.Subject));
        Assert.Equal(("renamed", "ns", null), (state.Namespace.Name, state.OldName, state.DeletedAt));
        // Zed's payload is built before its database sets the new updated_at.
        Assert.Equal(DateTimeOffset.UnixEpoch, state.Namespace.UpdatedAt);
    }

    [Fact]
    public async Task DeleteNamespace_ReportsItDeletedNow()
    {
        HoldsContents();
        IReadOnlyList<MetadefEvent> events = [];
        _fixture.Repository.Setup(r => r.DeleteAsync(It.IsAny<NamespaceDetail>(), It.IsAny<IReadOnlyList<MetadefEvent>>(), It.IsAny<CancellationToken>()))
            .Callback<NamespaceDetail, IReadOnlyList<MetadefEvent>, CancellationToken>((_, e, _) => events = e).Returns(Task.CompletedTask);

        await Namespaces().DeleteAsync(Admin(), "ns");

        var delete = Assert.Single(events);
        Assert.Equal("metadef_namespace.delete", delete.Type);
        Assert.Equal(Now, Assert.IsType<EventPayload.NamespaceState>(delete.Payload).DeletedAt);
    }

    [Fact]
    public async Task Tags_EachChange_ReportsGlancesEvent()
    {
        HoldsContents();

        await _fixture.Tags().CreateAsync(Admin(), "ns", "n");
        await _fixture.Tags().RenameAsync(Admin(), "ns", "t", "u");
        await _fixture.Tags().DeleteAsync(Admin(), "ns", "t");
        await _fixture.Tags().DeleteAllAsync(Admin(), "ns");

        Assert.Equal(["metadef_tag.create", "metadef_tag.update", "metadef_tag.delete", "metadef_namespace.delete_tags"], Types());
        var renamed = Assert.IsType<EventPayload.TagState>(_fixture.Events[1].Payload);
        // As Zed sends it: the updated_at before the update (its database sets the new one after the event's object is built).
        Assert.Equal(("u", "t", "ns", Tag("t", 1).UpdatedAt), (renamed.Tag.Name, renamed.OldName, renamed.Namespace, renamed.Tag.UpdatedAt));
        Assert.Equal(Now, Assert.IsType<EventPayload.TagState>(_fixture.Events[2].Payload).DeletedAt);
        Assert.Null(Assert.IsType<EventPayload.NamespaceState>(_fixture.Events[3].Payload).DeletedAt);
    }

    [Fact]
    public async Task Tags_BulkCreateReplacingTheTags_ReportsEachNewTagCreatedAndNoDelete()
    {
        HoldsContents();

        await _fixture.Tags().CreateManyAsync(Admin(), "ns", ["a", "b"], append: false);

        Assert.Equal(["metadef_tag.create", "metadef_tag.create"], Types());
        Assert.Equal(["a", "b"], _fixture.Events.Select(e => Assert.IsType<EventPayload.TagState>(e.Payload).Tag.Name));
    }

    [Fact]
    public async Task Tags_RefusedCreate_ReportsNothing()
    {
        HoldsContents();

        await Assert.ThrowsAsync<GlanceException>(() => _fixture.Tags().CreateAsync(Admin(), "ns", "T"));

        Assert.Empty(_fixture.Events);
    }

    [Fact]
    public async Task Objects_EachChange_ReportsGlancesEvent()
    {
        HoldsContents();

        await _fixture.Objects().CreateAsync(Admin(), "ns", new NewObject("n", null, null, []));
        await _fixture.Objects().ReplaceAsync(Admin(), "ns", "o", new NewObject("o2", null, null, []));
        await _fixture.Objects().DeleteAsync(Admin(), "ns", "o");
        await _fixture.Objects().DeleteAllAsync(Admin(), "ns");

        Assert.Equal(["metadef_object.create", "metadef_object.update", "metadef_object.delete", "metadef_namespace.delete_objects"], Types());
        Assert.Equal("o", Assert.IsType<EventPayload.ObjectState>(_fixture.Events[1].Payload).OldName);
        Assert.Equal(Obj, Assert.IsType<EventPayload.ObjectState>(_fixture.Events[2].Payload).Object);
    }

    [Fact]
    public void ObjectDelete_WithoutRequiredNames_ReportsAnEmptyListAsGlancesDatabaseGivesIt()
    {
        var delete = MetadefEvents.ObjectDelete("ns", Obj with { Required = null }, Now);

        Assert.Equal([], Assert.IsType<EventPayload.ObjectState>(delete.Payload).Object.Required!);
    }

    [Fact]
    public async Task Properties_EachChange_ReportsGlancesEvent()
    {
        HoldsContents();

        await _fixture.Properties().CreateAsync(Admin(), "ns", new MetadefPropertyDefinition("n", """{"title":"N","type":"string"}"""));
        await _fixture.Properties().ReplaceAsync(Admin(), "ns", "cores", Prop with { Name = "vcpus" });
        await _fixture.Properties().DeleteAsync(Admin(), "ns", "cores");
        await _fixture.Properties().DeleteAllAsync(Admin(), "ns");

        Assert.Equal(["metadef_property.create", "metadef_property.update", "metadef_property.delete", "metadef_namespace.delete_properties"], Types());
        var renamed = Assert.IsType<EventPayload.PropertyState>(_fixture.Events[1].Payload);
        Assert.Equal(("vcpus", "cores"), (renamed.Property.Name, renamed.OldName));
    }

    [Fact]
    public async Task ResourceTypes_AssociateAndDissociate_ReportTheAssociation()
    {
        HoldsContents();

        await _fixture.ResourceTypes().AssociateAsync(Admin(), "ns", new NewAssociation("OS::Nova::Flavor", null, null));
        await _fixture.ResourceTypes().DissociateAsync(Admin(), "ns", "OS::Glance::Image");

        Assert.Equal(["metadef_resource_type.create", "metadef_resource_type.delete"], Types());
        var removed = Assert.IsType<EventPayload.AssociationState>(_fixture.Events[1].Payload);
        Assert.Equal(("OS::Glance::Image", "hw_", Now), (removed.Association.Name, removed.Association.Prefix, removed.DeletedAt));
    }

    [Fact]
    public void NamespaceDelete_OfALoadedNamespaceNeverUpdated_ShowsTheTimeOfTheEventAsGlancesIsotimeDoes()
    {
        var loaded = Namespace("loaded", "admin") with { UpdatedAt = default };

        var delete = MetadefEvents.NamespaceDelete(loaded, Now);

        Assert.Equal(Now, Assert.IsType<EventPayload.NamespaceState>(delete.Payload).Namespace.UpdatedAt);
    }

    [Fact]
    public void Subject_NamesWithSlashes_AreEscapedAsInTheirRoute()
    {
        Assert.Equal("/metadefs/namespaces/a%2Fb/tags/c%20d", MetadefEvents.Subject("a/b", "tags", "c d"));
    }

    [Fact]
    public async Task Load_NewNamespace_ReportsNothingAsGlanceManageDoesNot()
    {
        _fixture.Repository.Setup(r => r.FindAsync("ns", true, It.IsAny<CancellationToken>())).ReturnsAsync((NamespaceDetail?)null);
        IReadOnlyList<MetadefEvent>? events = null;
        _fixture.Repository.Setup(r => r.AddAsync(It.IsAny<NamespaceDetail>(), It.IsAny<IReadOnlyList<MetadefEvent>>(), It.IsAny<CancellationToken>()))
            .Callback<NamespaceDetail, IReadOnlyList<MetadefEvent>, CancellationToken>((_, e, _) => events = e).ReturnsAsync(true);

        await new MetadefCatalogueLoader(_fixture.Repository.Object, _fixture.Attempts(), _fixture.Clock).LoadAsync([new NewNamespace("ns") { Tags = ["t"] }],
            CatalogueLoadMode.Skip);

        Assert.Empty(events!);
    }
}
