using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Metadefs;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Microsoft.Extensions.Time.Testing;
using Moq;
using static Glance.Domain.Tests.Metadefs.MetadefCallers;

namespace Glance.Domain.Tests.Metadefs;

/// <summary>The namespace use cases with a mocked repository: Glance's order of checks, its messages, and compare-and-set retries.</summary>
public sealed class MetadefNamespaceServiceTests
{
    private readonly Mock<IMetadefNamespaceRepository> _repository = new(MockBehavior.Strict);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));
    private readonly MetadefNamespaceService _service;

    public MetadefNamespaceServiceTests() =>
        _service = new MetadefNamespaceService(_repository.Object, new MetadefPolicy(ImagePolicy.Default), new ImageServiceOptions { UpdateAttempts = 3 }, _clock);

    private void Holds(MetadefNamespace ns, string version = "v1") =>
        _repository.Setup(r => r.FindAsync(ns.Name, It.IsAny<bool>(), It.IsAny<CancellationToken>())).ReturnsAsync(Detail(ns, version));

    private void HoldsNothing(string name) =>
        _repository.Setup(r => r.FindAsync(name, It.IsAny<bool>(), It.IsAny<CancellationToken>())).ReturnsAsync((NamespaceDetail?)null);

    [Fact]
    public async Task GetAsync_Missing_IsNotFoundInGlancesWords()
    {
        HoldsNothing("gone");

        var error = await Assert.ThrowsAsync<GlanceException>(() => _service.GetAsync(Reader("p1"), "gone"));

        Assert.Equal(GlanceErrorKind.NotFound, error.Kind);
        Assert.Equal("Metadata definition namespace=gone was not found.", error.Message);
    }

    [Fact]
    public async Task GetAsync_AnotherProjectsPrivateNamespace_IsTheBare404()
    {
        Holds(Namespace("secret", "p1"));

        var error = await Assert.ThrowsAsync<GlanceException>(() => _service.GetAsync(Reader("p2"), "secret"));

        Assert.Equal("The resource could not be found.", error.Message);
    }

    [Fact]
    public async Task GetAsync_ReaderOfTheOwner_ReadsTheContents()
    {
        Holds(Namespace("mine", "p1"));

        var found = await _service.GetAsync(Reader("p1"), "mine");

        Assert.Equal("mine", found.Namespace.Name);
        _repository.Verify(r => r.FindAsync("mine", true, It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task CreateAsync_Defaults_PrivateUnprotectedOwnedByTheCallersProject()
    {
        NamespaceDetail? stored = null;
        _repository.Setup(r => r.AddAsync(It.IsAny<NamespaceDetail>(), It.IsAny<IReadOnlyList<MetadefEvent>>(), It.IsAny<CancellationToken>()))
            .Callback<NamespaceDetail, IReadOnlyList<MetadefEvent>, CancellationToken>((d, _, _) => stored = d).ReturnsAsync(true);

        var created = await _service.CreateAsync(Admin("p1"), new NewNamespace("new") { Tags = ["a"] });

        Assert.Same(stored, created);
        Assert.Equal((NamespaceVisibility.Private, false, "p1"), (created.Namespace.Visibility, created.Namespace.Protected, created.Namespace.Owner));
        Assert.Equal(_clock.GetUtcNow(), created.Namespace.CreatedAt);
        Assert.Equal("a", Assert.Single(created.Tags).Name);
    }

    [Fact]
    public async Task CreateAsync_OwnerGiven_KeepsIt()
    {
        _repository.Setup(r => r.AddAsync(It.IsAny<NamespaceDetail>(), It.IsAny<IReadOnlyList<MetadefEvent>>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var created = await _service.CreateAsync(Admin("p1"), new NewNamespace("new", Owner: "p7", Visibility: NamespaceVisibility.Public));

        Assert.Equal(("p7", NamespaceVisibility.Public), (created.Namespace.Owner, created.Namespace.Visibility));
    }

    [Fact]
    public async Task CreateAsync_Member_Is403AndStoresNothing()
    {
        var error = await Assert.ThrowsAsync<GlanceException>(() => _service.CreateAsync(Member("p1"), new NewNamespace("new")));

        Assert.Equal("You are not authorized to complete add_metadef_namespace action.", error.Message);
        _repository.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task CreateAsync_AdminRuleOverriddenButNotTheTagRule_RefusesContentsItMayNotAdd()
    {
        var policy = new MetadefPolicy(new ImagePolicy(new Dictionary<string, string> { [MetadefPolicyDefaults.AddNamespace] = "role:member" }));
        var service = new MetadefNamespaceService(_repository.Object, policy, new ImageServiceOptions(), _clock);

        var error = await Assert.ThrowsAsync<GlanceException>(() => service.CreateAsync(Member("p1"), new NewNamespace("new") { Tags = ["t"] }));

        Assert.Equal("You are not authorized to complete add_metadef_tag action.", error.Message);
        _repository.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task CreateAsync_NameTaken_Is409InGlancesWords()
    {
        _repository.Setup(r => r.AddAsync(It.IsAny<NamespaceDetail>(), It.IsAny<IReadOnlyList<MetadefEvent>>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var error = await Assert.ThrowsAsync<GlanceException>(() => _service.CreateAsync(Admin(), new NewNamespace("taken")));

        Assert.Equal(GlanceErrorKind.Conflict, error.Kind);
        Assert.Equal("The metadata definition namespace=taken already exists.", error.Message);
    }

    public static TheoryData<NewNamespace, string> RepeatedContents => new()
    {
        { new NewNamespace("n") { Tags = ["Web", "web"] }, "A metadata tag with name=web already exists in namespace=n. (Please note that metadata tag names are case insensitive)." },
        { new NewNamespace("n") { Objects = [new("o", null, null, []), new("o", null, null, [])] }, "A metadata definition object with name=o already exists in namespace=n." },
        { new NewNamespace("n") { Associations = [new("r", null, null), new("r", "p", null)] }, "The metadata definition resource-type association of resource-type=r to namespace=n already exists." },
    };

    [Theory]
    [MemberData(nameof(RepeatedContents))]
    public async Task CreateAsync_RepeatedContents_Is409BeforeStoring(NewNamespace request, string message)
    {
        var error = await Assert.ThrowsAsync<GlanceException>(() => _service.CreateAsync(Admin(), request));

        Assert.Equal((GlanceErrorKind.Conflict, message), (error.Kind, error.Message));
        _repository.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ReplaceAsync_LeftOutAttributes_TakeTheCreateDefaults()
    {
        Holds(Namespace("ns", "p1", NamespaceVisibility.Public, isProtected: true) with { Description = "old" });
        MetadefNamespace? saved = null;
        _repository.Setup(r => r.SaveAsync(It.IsAny<NamespaceDetail>(), It.IsAny<MetadefNamespace>(), It.IsAny<IReadOnlyList<MetadefEvent>>(), It.IsAny<CancellationToken>()))
            .Callback<NamespaceDetail, MetadefNamespace, IReadOnlyList<MetadefEvent>, CancellationToken>((_, ns, _, _) => saved = ns).ReturnsAsync(true);
        _clock.Advance(TimeSpan.FromMinutes(5));

        var replaced = await _service.ReplaceAsync(Admin("p9"), "ns", new NamespaceReplacement("ns2", null, null, null, null, null));

        Assert.Equal(("ns2", null, NamespaceVisibility.Private, false, "p9"), (saved!.Name, saved.Description, saved.Visibility, saved.Protected, saved.Owner));
        Assert.Equal(_clock.GetUtcNow(), saved.UpdatedAt);
        Assert.Equal(saved, replaced.Namespace);
    }

    [Fact]
    public async Task ReplaceAsync_LostRace_DecidesAgainOnFreshState()
    {
        var ns = Namespace("ns", "p1");
        _repository.SetupSequence(r => r.FindAsync("ns", false, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Detail(ns, "v1")).ReturnsAsync(Detail(ns, "v2"));
        _repository.Setup(r => r.SaveAsync(It.Is<NamespaceDetail>(d => d.Version == "v1"), It.IsAny<MetadefNamespace>(), It.IsAny<IReadOnlyList<MetadefEvent>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConcurrencyConflictException("changed"));
        _repository.Setup(r => r.SaveAsync(It.Is<NamespaceDetail>(d => d.Version == "v2"), It.IsAny<MetadefNamespace>(), It.IsAny<IReadOnlyList<MetadefEvent>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(true);

        await _service.ReplaceAsync(Admin(), "ns", new NamespaceReplacement("ns", "D", null, null, null, null));

        _repository.Verify(r => r.SaveAsync(It.IsAny<NamespaceDetail>(), It.IsAny<MetadefNamespace>(), It.IsAny<IReadOnlyList<MetadefEvent>>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task ReplaceAsync_LosingEveryRace_Is409AfterTheConfiguredAttempts()
    {
        Holds(Namespace("ns", "p1"));
        _repository.Setup(r => r.SaveAsync(It.IsAny<NamespaceDetail>(), It.IsAny<MetadefNamespace>(), It.IsAny<IReadOnlyList<MetadefEvent>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConcurrencyConflictException("changed"));

        var error = await Assert.ThrowsAsync<GlanceException>(() => _service.ReplaceAsync(Admin(), "ns", new NamespaceReplacement("ns", null, null, null, null, null)));

        Assert.Equal(GlanceErrorKind.Conflict, error.Kind);
        Assert.StartsWith("Metadata definition namespace ns was changed by other requests", error.Message);
        _repository.Verify(r => r.SaveAsync(It.IsAny<NamespaceDetail>(), It.IsAny<MetadefNamespace>(), It.IsAny<IReadOnlyList<MetadefEvent>>(), It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    [Fact]
    public async Task ReplaceAsync_RenameToATakenName_Is409InGlancesWords()
    {
        Holds(Namespace("ns", "p1"));
        _repository.Setup(r => r.SaveAsync(It.IsAny<NamespaceDetail>(), It.IsAny<MetadefNamespace>(), It.IsAny<IReadOnlyList<MetadefEvent>>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var error = await Assert.ThrowsAsync<GlanceException>(() => _service.ReplaceAsync(Admin(), "ns", new NamespaceReplacement("other", null, null, null, null, null)));

        Assert.Equal("Invalid update. It would result in a duplicate metadata definition namespace with the same name of other", error.Message);
    }

    [Fact]
    public async Task ReplaceAsync_AnotherProjectsPrivateNamespace_IsNotFoundAsUpdateWordsIt()
    {
        Holds(Namespace("ns", "p1"));

        var error = await Assert.ThrowsAsync<GlanceException>(() => _service.ReplaceAsync(Member("p2"), "ns", new NamespaceReplacement("ns", null, null, null, null, null)));

        Assert.Equal((GlanceErrorKind.NotFound, "Namespace ns not found"), (error.Kind, error.Message));
    }

    [Fact]
    public async Task ReplaceAsync_MemberOfTheOwner_Is403AndSavesNothing()
    {
        Holds(Namespace("ns", "p1"));

        var error = await Assert.ThrowsAsync<GlanceException>(() => _service.ReplaceAsync(Member("p1"), "ns", new NamespaceReplacement("ns", null, null, null, null, null)));

        Assert.Equal("You are not authorized to complete modify_metadef_namespace action.", error.Message);
        _repository.Verify(r => r.SaveAsync(It.IsAny<NamespaceDetail>(), It.IsAny<MetadefNamespace>(), It.IsAny<IReadOnlyList<MetadefEvent>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task DeleteAsync_Protected_Is403AndDeletesNothing()
    {
        Holds(Namespace("locked", "p1", isProtected: true));

        var error = await Assert.ThrowsAsync<GlanceException>(() => _service.DeleteAsync(Admin(), "locked"));

        Assert.Equal((GlanceErrorKind.NotAllowed, "Metadata definition namespace locked is protected and cannot be deleted."), (error.Kind, error.Message));
        _repository.Verify(r => r.DeleteAsync(It.IsAny<NamespaceDetail>(), It.IsAny<IReadOnlyList<MetadefEvent>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task DeleteAsync_LostRaceThenProtected_DecidesOnTheFreshState()
    {
        var ns = Namespace("ns", "p1");
        _repository.SetupSequence(r => r.FindAsync("ns", false, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Detail(ns, "v1")).ReturnsAsync(Detail(ns with { Protected = true }, "v2"));
        _repository.Setup(r => r.DeleteAsync(It.IsAny<NamespaceDetail>(), It.IsAny<IReadOnlyList<MetadefEvent>>(), It.IsAny<CancellationToken>())).ThrowsAsync(new ConcurrencyConflictException("changed"));

        var error = await Assert.ThrowsAsync<GlanceException>(() => _service.DeleteAsync(Admin(), "ns"));

        Assert.Equal(GlanceErrorKind.NotAllowed, error.Kind);
        _repository.Verify(r => r.DeleteAsync(It.IsAny<NamespaceDetail>(), It.IsAny<IReadOnlyList<MetadefEvent>>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task DeleteAsync_Missing_IsNotFoundAsDeleteWordsIt()
    {
        HoldsNothing("gone");

        var error = await Assert.ThrowsAsync<GlanceException>(() => _service.DeleteAsync(Admin(), "gone"));

        Assert.Equal("Namespace gone not found", error.Message);
    }

    private void Lists(params MetadefNamespace[] copies)
    {
        _repository.Setup(r => r.ListAsync(It.IsAny<IReadOnlyList<NamespaceScope>>(), It.IsAny<CancellationToken>())).ReturnsAsync(copies);
        foreach (var ns in copies)
        {
            _repository.Setup(r => r.ReadListedAsync(ns, It.IsAny<CancellationToken>())).ReturnsAsync(Detail(ns));
        }
    }

    private static MetadefNamespace At(string name, string? owner, int minute, string visibility = NamespaceVisibility.Private) =>
        Namespace(name, owner, visibility) with { CreatedAt = DateTimeOffset.UnixEpoch.AddMinutes(minute) };

    [Fact]
    public async Task ListAsync_Project_ReadsItsScopesNewestFirstAndPages()
    {
        Lists(At("a", "p1", 1), At("b", "p1", 2), At("c", "p1", 3, NamespaceVisibility.Public));

        var page = await _service.ListAsync(Reader("p1"), new NamespaceListQuery(Limit: 2));

        Assert.Equal(["c", "b"], page.Namespaces.Select(d => d.Namespace.Name));
        Assert.Equal("b", page.Next);
        _repository.Verify(r => r.ListAsync(
            It.Is<IReadOnlyList<NamespaceScope>>(s => s.SequenceEqual(new[] { NamespaceScope.Public, NamespaceScope.OwnedBy("p1") })), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task ListAsync_Marker_StartsAfterItInTheOrderAsked()
    {
        var b = At("b", "p1", 2);
        Lists(At("a", "p1", 3), b, At("c", "p1", 1));
        Holds(b);

        var page = await _service.ListAsync(Reader("p1"), new NamespaceListQuery(10, Marker: "b", SortKey: NamespaceSortKey.Namespace, Ascending: true));

        Assert.Equal(["c"], page.Namespaces.Select(d => d.Namespace.Name));
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task ListAsync_MarkerOfAnotherProjectsPrivateNamespace_Is403InGlancesWords()
    {
        Lists();
        Holds(Namespace("hidden", "p2"));

        var error = await Assert.ThrowsAsync<GlanceException>(() => _service.ListAsync(Reader("p1"), new NamespaceListQuery(10, Marker: "hidden")));

        Assert.Equal((GlanceErrorKind.NotAllowed, "Forbidding request, metadata definition namespace=hidden is not visible."), (error.Kind, error.Message));
    }

    [Fact]
    public async Task ListAsync_MissingMarker_Is404()
    {
        Lists();
        HoldsNothing("none");

        var error = await Assert.ThrowsAsync<GlanceException>(() => _service.ListAsync(Reader("p1"), new NamespaceListQuery(10, Marker: "none")));

        Assert.Equal("Metadata definition namespace=none was not found.", error.Message);
    }

    [Fact]
    public async Task ListAsync_CopyOutlivedByACrash_IsSkippedAndThePageFilledFromTheRest()
    {
        var stale = At("stale", "p1", 3);
        Lists(stale, At("b", "p1", 2), At("a", "p1", 1));
        _repository.Setup(r => r.ReadListedAsync(stale, It.IsAny<CancellationToken>())).ReturnsAsync((NamespaceDetail?)null);

        var page = await _service.ListAsync(Reader("p1"), new NamespaceListQuery(2));

        Assert.Equal(["b", "a"], page.Namespaces.Select(d => d.Namespace.Name));
    }

    [Fact]
    public async Task ListAsync_CopySaysPublicButTheNamespaceIsNowPrivate_IsLeftOutForOtherProjects()
    {
        var copy = At("moved", "p2", 1, NamespaceVisibility.Public);
        Lists(copy);
        _repository.Setup(r => r.ReadListedAsync(copy, It.IsAny<CancellationToken>())).ReturnsAsync(Detail(copy with { Visibility = NamespaceVisibility.Private }));

        var page = await _service.ListAsync(Reader("p1"), new NamespaceListQuery(10));

        Assert.Empty(page.Namespaces);
    }

    [Fact]
    public async Task ListAsync_VisibilityAndResourceTypeFilters_KeepOnlyMatches()
    {
        var associated = At("rt", "p1", 1, NamespaceVisibility.Public);
        Lists(associated, At("plain", "p1", 2, NamespaceVisibility.Public), At("private", "p1", 3));
        _repository.Setup(r => r.ReadListedAsync(associated, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Detail(associated) with { Associations = [new ResourceTypeAssociation("OS::Glance::Image", null, null, default, default)] });

        var page = await _service.ListAsync(Reader("p1"), new NamespaceListQuery(10, Visibility: NamespaceVisibility.Public, ResourceTypes: ["OS::Glance::Image", "x"]));

        Assert.Equal(["rt"], page.Namespaces.Select(d => d.Namespace.Name));
    }

    [Fact]
    public async Task ListAsync_CallerWithoutRoles_IsRefusedBeforeReading()
    {
        var error = await Assert.ThrowsAsync<GlanceException>(() => _service.ListAsync(With("p1"), new NamespaceListQuery(10)));

        Assert.Equal(GlanceErrorKind.NotFound, error.Kind);
        _repository.VerifyNoOtherCalls();
    }
}
