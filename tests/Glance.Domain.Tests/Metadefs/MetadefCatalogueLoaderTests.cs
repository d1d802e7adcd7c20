using Glance.Domain.Events;
using Glance.Domain.Metadefs;
using Glance.Domain.Ports;
using Moq;
using static Glance.Domain.Tests.Metadefs.MetadefContentsFixture;

namespace Glance.Domain.Tests.Metadefs;

/// <summary>The catalogue loader's choices with a mocked repository: glance-manage db_load_metadefs's, rule for rule.</summary>
public sealed class MetadefCatalogueLoaderTests
{
    private readonly MetadefContentsFixture _fixture = new();

    private MetadefCatalogueLoader Loader() => new(_fixture.Repository.Object, _fixture.Attempts(), _fixture.Clock);

    private static NewNamespace File(string description = "from file") => new("ns", Description: description, Visibility: "public", Protected: true)
    {
        Objects = [new NewObject("o", "d", ["x"], [])],
        Properties = [new MetadefPropertyDefinition("p", """{"title":"P","type":"string"}""")],
        Tags = ["t"],
        Associations = [new NewAssociation("OS::Glance::Image", "hw_", null)],
    };

    [Fact]
    public async Task Load_NewNamespace_InsertsItAsGlanceManageDoes()
    {
        _fixture.Repository.Setup(r => r.FindAsync("ns", true, It.IsAny<CancellationToken>())).ReturnsAsync((NamespaceDetail?)null);
        NamespaceDetail? added = null;
        _fixture.Repository.Setup(r => r.AddAsync(It.IsAny<NamespaceDetail>(), It.IsAny<IReadOnlyList<MetadefEvent>>(), It.IsAny<CancellationToken>()))
            .Callback<NamespaceDetail, IReadOnlyList<MetadefEvent>, CancellationToken>((d, _, _) => added = d).ReturnsAsync(true);

        var report = await Loader().LoadAsync([File()], CatalogueLoadMode.Skip);

        Assert.Equal(new CatalogueLoadReport(1, 0, 0), report);
        Assert.Equal(("admin", default(DateTimeOffset)), (added!.Namespace.Owner, added.Namespace.UpdatedAt));
        Assert.Null(Assert.Single(added.Objects).Required);
        Assert.Equal(["t"], added.Tags.Select(t => t.Name));
    }

    [Fact]
    public async Task Load_ExistingNamespaceWithoutMerge_IsLeftAlone()
    {
        _fixture.Holds(Namespace());

        Assert.Equal(new CatalogueLoadReport(0, 0, 1), await Loader().LoadAsync([File()], CatalogueLoadMode.Skip));
        Assert.Empty(_fixture.Saved);
    }

    [Fact]
    public async Task Load_Merge_AddsOnlyWhatTheNamespaceLacks()
    {
        _fixture.Holds(Namespace() with { Tags = [Tag("T", 1)], Properties = [new MetadefPropertyDefinition("p", """{"title":"Mine","type":"integer"}""")] });

        await Loader().LoadAsync([File()], CatalogueLoadMode.Merge);

        var change = Assert.Single(_fixture.Saved);
        Assert.Equal(["o"], change.AddedObjects.Select(o => o.Name));
        Assert.Equal(["OS::Glance::Image"], change.AddedAssociations.Select(a => a.Name));
        Assert.Empty(change.AddedProperties);
        Assert.Empty(change.AddedTags);
        Assert.Empty(change.ReplacedProperties);
    }

    [Fact]
    public async Task Load_MergePreferNew_ReplacesWhatBothHaveAndTheAttributes()
    {
        var found = _fixture.Holds(Namespace() with { Properties = [new MetadefPropertyDefinition("p", """{"title":"Mine","type":"integer"}""")] });
        MetadefNamespace? saved = null;
        _fixture.Repository.Setup(r => r.SaveAsync(It.IsAny<NamespaceDetail>(), It.IsAny<MetadefNamespace>(), It.IsAny<IReadOnlyList<MetadefEvent>>(), It.IsAny<CancellationToken>()))
            .Callback<NamespaceDetail, MetadefNamespace, IReadOnlyList<MetadefEvent>, CancellationToken>((_, ns, _, _) => saved = ns).ReturnsAsync(true);

        await Loader().LoadAsync([File()], CatalogueLoadMode.MergePreferNew);

        Assert.Equal("p", Assert.Single(Assert.Single(_fixture.Saved).ReplacedProperties).OldName);
        Assert.Equal(("from file", true, "admin", found.Namespace.Id), (saved!.Description, saved.Protected, saved.Owner, saved.Id));
    }

    [Fact]
    public async Task Load_MergeOverwrite_DeletesThenInsertsTheFile()
    {
        var found = _fixture.Holds(Namespace());
        _fixture.Repository.Setup(r => r.DeleteAsync(found, It.IsAny<IReadOnlyList<MetadefEvent>>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        _fixture.Repository.Setup(r => r.AddAsync(It.IsAny<NamespaceDetail>(), It.IsAny<IReadOnlyList<MetadefEvent>>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);

        Assert.Equal(new CatalogueLoadReport(0, 1, 0), await Loader().LoadAsync([File()], CatalogueLoadMode.MergeOverwrite));
        _fixture.Repository.Verify(r => r.DeleteAsync(found, It.IsAny<IReadOnlyList<MetadefEvent>>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Load_NameTakenMeanwhile_DecidesAgainOnWhatIsThere()
    {
        _fixture.Repository.SetupSequence(r => r.FindAsync("ns", true, It.IsAny<CancellationToken>()))
            .ReturnsAsync((NamespaceDetail?)null).ReturnsAsync(Namespace());
        _fixture.Repository.Setup(r => r.AddAsync(It.IsAny<NamespaceDetail>(), It.IsAny<IReadOnlyList<MetadefEvent>>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);

        Assert.Equal(new CatalogueLoadReport(0, 0, 1), await Loader().LoadAsync([File()], CatalogueLoadMode.Skip));
    }
}
