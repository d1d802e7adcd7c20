using Glance.Domain.Errors;
using Glance.Domain.Metadefs;
using Glance.Domain.Ports;
using Moq;
using static Glance.Domain.Tests.Metadefs.MetadefCallers;
using static Glance.Domain.Tests.Metadefs.MetadefContentsFixture;

namespace Glance.Domain.Tests.Metadefs;

public sealed class MetadefObjectAndPropertyServiceTests
{
    private readonly MetadefContentsFixture _fixture = new();

    private static MetadefObject Object(string name) => new(name, null, null, [], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    private static MetadefPropertyDefinition Property(string name) => new(name, $$"""{"name":"{{name}}","title":"T","type":"string"}""");

    private NamespaceDetail HoldsContents(bool isProtected = false) => _fixture.Holds(Namespace(isProtected: isProtected) with
    {
        Objects = [Object("a"), Object("b")],
        Properties = [Property("cores"), Property("model")],
        Associations = [new("OS::Glance::Image", "hw_", null, default, default), new("OS::Nova::Flavor", null, null, default, default)],
    });

    [Fact]
    public async Task Objects_MissingNamespace_IsTheDatabasesWording()
    {
        _fixture.Repository.Setup(r => r.FindAsync("gone", It.IsAny<bool>(), It.IsAny<CancellationToken>())).ReturnsAsync((NamespaceDetail?)null);

        var error = await Assert.ThrowsAsync<GlanceException>(() => _fixture.Objects().ListAsync(Reader("p1"), "gone"));

        Assert.Equal("Metadata definition namespace=gone was not found.", error.Message);
    }

    [Fact]
    public async Task Objects_ReplaceRenamingOntoAnother_Is409NamingTheRenamedObject()
    {
        HoldsContents();
        var replacement = new NewObject("b", "d", ["x"], []);

        var error = await Assert.ThrowsAsync<GlanceException>(() => _fixture.Objects().ReplaceAsync(Admin(), "ns", "a", replacement));

        Assert.Equal("Invalid update. It would result in a duplicate metadata definition object with the same name=a in namespace=ns.", error.Message);
        Assert.Empty(_fixture.Saved);
    }

    [Fact]
    public async Task Objects_Replace_TakesEveryAttributeFromTheBody()
    {
        HoldsContents();

        var replaced = await _fixture.Objects().ReplaceAsync(Admin(), "ns", "a", new NewObject("c", null, null, [Property("p")]));

        Assert.Equal(("c", null, null), (replaced.Name, replaced.Description, replaced.Required));
        Assert.Equal("a", Assert.Single(Assert.Single(_fixture.Saved).ReplacedObjects).OldName);
    }

    [Fact]
    public async Task Objects_DeleteInAProtectedNamespace_Is403InTheObjectsWords()
    {
        HoldsContents(isProtected: true);

        var error = await Assert.ThrowsAsync<GlanceException>(() => _fixture.Objects().DeleteAsync(Admin(), "ns", "a"));

        Assert.Equal("Metadata definition object a is protected and cannot be deleted.", error.Message);
    }

    [Fact]
    public async Task Objects_ShowMissing_IsGlancesWording()
    {
        HoldsContents();

        var error = await Assert.ThrowsAsync<GlanceException>(() => _fixture.Objects().GetAsync(Reader("p1"), "ns", "none"));

        Assert.Equal("Could not find metadata object none", error.Message);
    }

    [Fact]
    public async Task Properties_ShowByAResourceTypesPrefixedName_FindsTheDefinition()
    {
        HoldsContents();

        var found = await _fixture.Properties().GetAsync(Reader("p1"), "ns", "hw_cores", "OS::Glance::Image");

        Assert.Equal("cores", found.Name);
    }

    [Theory]
    [InlineData("cores", "OS::Glance::Image", "Property cores does not start with the expected resource type association prefix of 'hw_'.")]
    [InlineData("cores", "OS::Nova::Flavor", "Property cores does not start with the expected resource type association prefix of 'None'.")]
    [InlineData("hw_cores", "OS::Cinder::Volume", "The metadata definition resource-type association of resource-type=OS::Cinder::Volume to namespace=ns, was not found.")]
    [InlineData("hw_none", "OS::Glance::Image", "Could not find property none")]
    public async Task Properties_ShowByResourceType_RefusesAsGlance(string name, string resourceType, string message)
    {
        HoldsContents();

        var error = await Assert.ThrowsAsync<GlanceException>(() => _fixture.Properties().GetAsync(Reader("p1"), "ns", name, resourceType));

        Assert.Equal((GlanceErrorKind.NotFound, message), (error.Kind, error.Message));
    }

    [Fact]
    public async Task Properties_CreateExisting_Is409()
    {
        HoldsContents();

        var error = await Assert.ThrowsAsync<GlanceException>(() => _fixture.Properties().CreateAsync(Admin(), "ns", Property("cores")));

        Assert.Equal("A metadata definition property with name=cores already exists in namespace=ns.", error.Message);
    }

    [Fact]
    public async Task Properties_ReplaceRenaming_ReplacesUnderTheOldName()
    {
        HoldsContents();

        await _fixture.Properties().ReplaceAsync(Admin(), "ns", "cores", Property("vcpus"));

        var replacement = Assert.Single(Assert.Single(_fixture.Saved).ReplacedProperties);
        Assert.Equal(("cores", "vcpus"), (replacement.OldName, replacement.New.Name));
    }

    [Fact]
    public async Task Properties_DeleteAllAsMember_Is403AndSavesNothing()
    {
        HoldsContents();

        await Assert.ThrowsAsync<GlanceException>(() => _fixture.Properties().DeleteAllAsync(Member("p1"), "ns"));

        Assert.Empty(_fixture.Saved);
    }

    [Fact]
    public async Task ResourceTypes_DissociateMissing_IsTheDeletesWording()
    {
        HoldsContents();

        var error = await Assert.ThrowsAsync<GlanceException>(() => _fixture.ResourceTypes().DissociateAsync(Admin(), "ns", "OS::Cinder::Volume"));

        Assert.Equal("Failed to find resource type OS::Cinder::Volume to delete", error.Message);
    }

    [Fact]
    public async Task ResourceTypes_AssociateExisting_Is409()
    {
        HoldsContents();

        var error = await Assert.ThrowsAsync<GlanceException>(() => _fixture.ResourceTypes().AssociateAsync(Admin(), "ns", new NewAssociation("OS::Nova::Flavor", "x", null)));

        Assert.Equal(GlanceErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public async Task ResourceTypes_Associate_AddsOneAssociationWithItsPrefix()
    {
        HoldsContents();

        var created = await _fixture.ResourceTypes().AssociateAsync(Admin(), "ns", new NewAssociation("OS::Cinder::Volume", "vol_", "image"));

        Assert.Equal(created, Assert.Single(Assert.Single(_fixture.Saved).AddedAssociations));
        Assert.Equal(("vol_", "image"), (created.Prefix, created.PropertiesTarget));
    }

    [Fact]
    public async Task ResourceTypes_ListAsReaderOfAnotherProjectsPublicNamespace_ShowsTheAssociations()
    {
        _fixture.Holds(Namespace(visibility: NamespaceVisibility.Public) with { Associations = [new("OS::Glance::Image", null, null, default, default)] });

        var associations = await _fixture.ResourceTypes().ListAssociationsAsync(Reader("p2"), "ns");

        Assert.Single(associations);
    }

    [Fact]
    public async Task ResourceTypes_ListWithoutRoles_IsRefusedBeforeReading()
    {
        await Assert.ThrowsAsync<GlanceException>(() => _fixture.ResourceTypes().ListAsync(With("p1")));

        _fixture.Repository.VerifyNoOtherCalls();
    }
}
