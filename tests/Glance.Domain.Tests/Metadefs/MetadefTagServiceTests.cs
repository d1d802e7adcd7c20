using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Metadefs;
using Glance.Domain.Ports;
using Moq;
using static Glance.Domain.Tests.Metadefs.MetadefCallers;
using static Glance.Domain.Tests.Metadefs.MetadefContentsFixture;

namespace Glance.Domain.Tests.Metadefs;

public sealed class MetadefTagServiceTests
{
    private readonly MetadefContentsFixture _fixture = new();

    // Stored tags read newest first, as the repository hands them out.
    private NamespaceDetail HoldsTags(bool isProtected = false) =>
        _fixture.Holds(Namespace(isProtected: isProtected) with { Tags = [Tag("c", 3), Tag("a", 2), Tag("b", 1)] });

    [Fact]
    public async Task ListAsync_Default_IsNewestFirst()
    {
        HoldsTags();

        var tags = await _fixture.Tags().ListAsync(Reader("p1"), "ns", new ChildListQuery());

        Assert.Equal(["c", "a", "b"], tags.Select(t => t.Name));
    }

    [Fact]
    public async Task ListAsync_ByNameAscendingAfterAMarkerWithALimit_PagesAsGlance()
    {
        HoldsTags();

        var tags = await _fixture.Tags().ListAsync(Reader("p1"), "ns", new ChildListQuery(Limit: 1, Marker: "a", SortKey: ChildSortKey.Name, Ascending: true));

        Assert.Equal(["b"], tags.Select(t => t.Name));
    }

    [Fact]
    public async Task ListAsync_MissingMarker_IsGlancesNotFound()
    {
        HoldsTags();

        var error = await Assert.ThrowsAsync<GlanceException>(() => _fixture.Tags().ListAsync(Reader("p1"), "ns", new ChildListQuery(Marker: "zz")));

        Assert.Equal((GlanceErrorKind.NotFound, "Could not find metadata tag zz"), (error.Kind, error.Message));
    }

    [Fact]
    public async Task CreateAsync_ExistingNameInAnotherCase_Is409AndSavesNothing()
    {
        HoldsTags();

        var error = await Assert.ThrowsAsync<GlanceException>(() => _fixture.Tags().CreateAsync(Admin(), "ns", "A"));

        Assert.Equal(GlanceErrorKind.Conflict, error.Kind);
        Assert.Empty(_fixture.Saved);
    }

    [Fact]
    public async Task CreateManyAsync_WithoutAppend_ReplacesEveryTagInOneChange()
    {
        HoldsTags();

        var created = await _fixture.Tags().CreateManyAsync(Admin(), "ns", ["a", "x"], append: false);

        var change = Assert.Single(_fixture.Saved);
        Assert.True(change.RemoveAllTags);
        Assert.Equal(["a", "x"], change.AddedTags.Select(t => t.Name));
        Assert.Equal(["a", "x"], created.Select(t => t.Name));
    }

    [Fact]
    public async Task CreateManyAsync_AppendingAnExistingTag_Is409AndSavesNothing()
    {
        HoldsTags();

        var error = await Assert.ThrowsAsync<GlanceException>(() => _fixture.Tags().CreateManyAsync(Admin(), "ns", ["new", "B"], append: true));

        Assert.Equal("A metadata tag with name=B already exists in namespace=ns. (Please note that metadata tag names are case insensitive).", error.Message);
        Assert.Empty(_fixture.Saved);
    }

    [Fact]
    public async Task CreateManyAsync_NoTags_ChangesNothingEvenWithoutAppend()
    {
        HoldsTags();

        Assert.Empty(await _fixture.Tags().CreateManyAsync(Admin(), "ns", [], append: false));
        Assert.Empty(_fixture.Saved);
    }

    [Fact]
    public async Task CreateManyAsync_Member_Is403ForAddMetadefTags()
    {
        HoldsTags();

        var error = await Assert.ThrowsAsync<GlanceException>(() => _fixture.Tags().CreateManyAsync(Member("p1"), "ns", ["x"], append: true));

        Assert.Equal("You are not authorized to complete add_metadef_tags action.", error.Message);
    }

    [Fact]
    public async Task RenameAsync_KeepsCreationTimeAndReplacesUnderTheOldName()
    {
        HoldsTags();
        _fixture.Clock.Advance(TimeSpan.FromHours(1));

        var renamed = await _fixture.Tags().RenameAsync(Admin(), "ns", "a", "z");

        var replacement = Assert.Single(Assert.Single(_fixture.Saved).ReplacedTags);
        Assert.Equal(("a", "z"), (replacement.OldName, replacement.New.Name));
        Assert.Equal(Tag("a", 2).CreatedAt, renamed.CreatedAt);
        Assert.Equal(_fixture.Clock.GetUtcNow(), renamed.UpdatedAt);
    }

    [Fact]
    public async Task RenameAsync_OntoAnotherTag_Is409()
    {
        HoldsTags();

        var error = await Assert.ThrowsAsync<GlanceException>(() => _fixture.Tags().RenameAsync(Admin(), "ns", "a", "C"));

        Assert.Equal(GlanceErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public async Task DeleteAsync_ProtectedNamespace_Is403InTheTagsWords()
    {
        HoldsTags(isProtected: true);

        var error = await Assert.ThrowsAsync<GlanceException>(() => _fixture.Tags().DeleteAsync(Admin(), "ns", "a"));

        Assert.Equal("Metadata definition tag a is protected and cannot be deleted.", error.Message);
        Assert.Empty(_fixture.Saved);
    }

    [Fact]
    public async Task DeleteAllAsync_ProtectedNamespace_Is403InTheNamespacesWords()
    {
        HoldsTags(isProtected: true);

        var error = await Assert.ThrowsAsync<GlanceException>(() => _fixture.Tags().DeleteAllAsync(Admin(), "ns"));

        Assert.Equal("Metadata definition namespace ns is protected and cannot be deleted.", error.Message);
    }

    [Fact]
    public async Task DeleteAllAsync_Member_IsRefusedByTheNamespacesDeleteRuleFirst()
    {
        HoldsTags();

        var error = await Assert.ThrowsAsync<GlanceException>(() => _fixture.Tags().DeleteAllAsync(Member("p1"), "ns"));

        Assert.Equal("You are not authorized to complete delete_metadef_namespace action.", error.Message);
    }

    [Fact]
    public async Task CreateAsync_LostRace_DecidesAgainAndSavesOnce()
    {
        HoldsTags();
        _fixture.Repository.SetupSequence(r => r.SaveContentsAsync(It.IsAny<NamespaceDetail>(), It.IsAny<ContentChanges>(), It.IsAny<IReadOnlyList<MetadefEvent>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConcurrencyConflictException("changed"))
            .Returns(Task.CompletedTask);

        await _fixture.Tags().CreateAsync(Admin(), "ns", "new");

        _fixture.Repository.Verify(r => r.FindAsync("ns", true, It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task GetAsync_AnotherProjectsPrivateNamespace_IsNamespaceNotFound()
    {
        HoldsTags();

        var error = await Assert.ThrowsAsync<GlanceException>(() => _fixture.Tags().GetAsync(Reader("p2"), "ns", "a"));

        Assert.Equal("Namespace ns not found", error.Message);
    }
}
