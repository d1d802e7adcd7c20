using Glance.Domain.Errors;
using Glance.Domain.Metadefs;
using Glance.Domain.Policy;
using static Glance.Domain.Policy.MetadefPolicyDefaults;
using static Glance.Domain.Tests.Metadefs.MetadefCallers;

namespace Glance.Domain.Tests.Metadefs;

/// <summary>
/// Who may see and change a namespace with Zed's metadef defaults (glance/policies/metadef.py) and the database
/// layer's visibility (_is_namespace_visible), and that the rules are overridden by name like the image rules.
/// </summary>
public sealed class MetadefPolicyTests
{
    private static readonly MetadefPolicy Policy = new(ImagePolicy.Default);

    [Theory]
    [InlineData("p1", NamespaceVisibility.Private, "p1", true)]
    [InlineData("p1", NamespaceVisibility.Private, "p2", false)]
    [InlineData("p1", NamespaceVisibility.Private, null, false)]
    [InlineData("p1", NamespaceVisibility.Public, "p2", true)]
    [InlineData("p1", NamespaceVisibility.Public, null, true)]
    [InlineData(null, NamespaceVisibility.Private, "p2", true)]
    public void IsVisible_NonAdmin_SeesOwnPublicAndOwnerless(string? owner, string visibility, string? project, bool visible) =>
        Assert.Equal(visible, Policy.IsVisible(Member(project), Namespace("ns", owner, visibility)));

    [Fact]
    public void IsVisible_Admin_SeesAnotherProjectsPrivateNamespace() =>
        Assert.True(Policy.IsVisible(Admin("p9"), Namespace("ns", "p1")));

    [Theory]
    [InlineData("p1", NamespaceVisibility.Private, "p1", true)]
    [InlineData("p1", NamespaceVisibility.Public, "p2", true)]
    [InlineData("p1", NamespaceVisibility.Private, "p2", false)]
    // Visible to the database layer (no owner), yet get_metadef_namespace's project check fails for a private one.
    [InlineData(null, NamespaceVisibility.Private, "p2", false)]
    public void CanGet_Reader_FollowsGetMetadefNamespace(string? owner, string visibility, string project, bool allowed) =>
        Assert.Equal(allowed, Policy.CanGet(Reader(project), Namespace("ns", owner, visibility)));

    [Fact]
    public void CanGet_CallerWithoutRoles_IsRefusedEvenForAPublicNamespace() =>
        Assert.False(Policy.CanGet(With("p1"), Namespace("ns", "p1", NamespaceVisibility.Public)));

    [Theory]
    [InlineData(ModifyNamespace)]
    [InlineData(DeleteNamespace)]
    [InlineData(AddObject)]
    [InlineData(RemoveProperty)]
    [InlineData(AddTags)]
    [InlineData(RemoveResourceTypeAssociation)]
    public void Enforce_WriteByMemberOfTheOwningProject_Is403NamingTheRule(string rule)
    {
        var error = Assert.Throws<GlanceException>(() => Policy.Enforce(rule, Member("p1"), Namespace("ns", "p1")));

        Assert.Equal(GlanceErrorKind.NotAllowed, error.Kind);
        Assert.Equal($"You are not authorized to complete {rule} action.", error.Message);
    }

    [Fact]
    public void Enforce_WriteByReaderOfAnotherProjectOnAPrivateNamespace_Is404()
    {
        var error = Assert.Throws<GlanceException>(() => Policy.Enforce(ModifyNamespace, Reader("p2"), Namespace("ns", "p1")));

        Assert.Equal(GlanceErrorKind.NotFound, error.Kind);
        Assert.Equal("The resource could not be found.", error.Message);
    }

    [Fact]
    public void Enforce_WriteByMemberOfAnotherProjectOnAPublicNamespace_Is403()
    {
        var error = Assert.Throws<GlanceException>(() => Policy.Enforce(DeleteNamespace, Member("p2"), Namespace("ns", "p1", NamespaceVisibility.Public)));

        Assert.Equal(GlanceErrorKind.NotAllowed, error.Kind);
    }

    [Fact]
    public void Enforce_GetNamespaceRefused_Is404NotForbidden()
    {
        var error = Assert.Throws<GlanceException>(() => Policy.Enforce(GetNamespace, Reader("p2"), Namespace("ns", "p1")));

        Assert.Equal(GlanceErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public void Enforce_AdminOfAnotherProject_MayChangeAPrivateNamespace()
    {
        var ns = Namespace("ns", "p1");

        foreach (var rule in MetadefPolicyDefaults.Rules.Keys)
        {
            Policy.Enforce(rule, Admin("p9"), ns);
        }
    }

    [Fact]
    public void Enforce_AddNamespaceWithoutANamespace_ChecksTheCallersOwnProject()
    {
        Policy.Enforce(AddNamespace, Admin("p1"));

        var error = Assert.Throws<GlanceException>(() => Policy.Enforce(AddNamespace, Member("p1")));
        Assert.Equal(GlanceErrorKind.NotAllowed, error.Kind);
    }

    [Fact]
    public void Enforce_OverriddenAdminRule_LetsMembersWrite()
    {
        var policy = new MetadefPolicy(new ImagePolicy(new Dictionary<string, string> { [MetadefAdmin] = "role:member" }));
        var ns = Namespace("ns", "p1");

        policy.Enforce(ModifyNamespace, Member("p1"), ns);
        policy.Enforce(AddNamespace, Member("p1"));
        Assert.Throws<GlanceException>(() => policy.Enforce(ModifyNamespace, Reader("p1"), ns));
    }

    [Fact]
    public void Enforce_OverriddenSingleRule_ChangesOnlyThatRule()
    {
        var policy = new MetadefPolicy(new ImagePolicy(new Dictionary<string, string> { [AddTag] = "role:reader" }));
        var ns = Namespace("ns", "p1");

        policy.Enforce(AddTag, Reader("p1"), ns);
        Assert.Throws<GlanceException>(() => policy.Enforce(DeleteTag, Reader("p1"), ns));
    }

    [Fact]
    public void Enforce_OverriddenGetRuleDenyingEveryone_HidesEvenOwnNamespaces()
    {
        var policy = new MetadefPolicy(new ImagePolicy(new Dictionary<string, string> { [GetNamespace] = "!" }));

        var error = Assert.Throws<GlanceException>(() => policy.Enforce(ModifyNamespace, Member("p1"), Namespace("ns", "p1")));

        Assert.Equal(GlanceErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public void ScopesFor_EachKindOfCaller_ReadsOnlyWhatItMaySee()
    {
        Assert.Equal([NamespaceScope.All], Policy.ScopesFor(Admin("p1")));
        Assert.Equal([NamespaceScope.Public], Policy.ScopesFor(Reader(null)));
        Assert.Equal([NamespaceScope.Public, NamespaceScope.OwnedBy("p1")], Policy.ScopesFor(Reader("p1")));
    }
}
