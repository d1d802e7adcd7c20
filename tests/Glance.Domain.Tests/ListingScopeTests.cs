using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Listing;
using Glance.Domain.Members;

namespace Glance.Domain.Tests;

public sealed class ListingScopeTests
{
    private static readonly ImageMember Accepted = new("i", "p2", ImageMember.Accepted, TestImages.Now, TestImages.Now);
    private static readonly ImageMember Pending = new("i", "p3", ImageMember.Pending, TestImages.Now, TestImages.Now);

    [Theory]
    [InlineData(ImageVisibility.Private, new[] { "all", "owner:p1" })]
    [InlineData(ImageVisibility.Public, new[] { "all", "owner:p1", "public" })]
    [InlineData(ImageVisibility.Community, new[] { "all", "owner:p1", "community" })]
    [InlineData(ImageVisibility.Shared, new[] { "all", "owner:p1", "member:p2", "member:p3" })]
    public void Of_EachVisibility_ListsTheImageInItsScopes(string visibility, string[] expected)
    {
        var image = TestImages.Owned("p1", visibility);

        var scopes = ListingScope.Of(image, [Accepted, Pending]);

        Assert.Equal(expected, scopes.Select(s => Name(s.Scope)));
        Assert.All(scopes.Where(s => s.Scope.Kind == ListingScopeKind.Member), s => Assert.Equal(s.Scope.Project, s.Member!.MemberId));
    }

    [Fact]
    public void Of_DeletedImage_IsInNoScope()
    {
        var image = TestImages.Owned("p1", ImageVisibility.Public);
        image.MarkDeleted(TestImages.Now);

        Assert.Empty(ListingScope.Of(image, []));
    }

    [Theory]
    [InlineData(null, new[] { "public", "owner:p1", "member:p1" })]
    [InlineData("all", new[] { "public", "community", "owner:p1", "member:p1", "owner:" })]
    [InlineData("public", new[] { "public" })]
    [InlineData("community", new[] { "community" })]
    [InlineData("shared", new[] { "owner:p1", "member:p1" })]
    [InlineData("private", new[] { "owner:p1" })]
    public void SourcesFor_ProjectMember_ReadsOnlyTheScopesItsListCanShow(string? visibility, string[] expected)
    {
        Assert.Equal(expected, ListingScope.SourcesFor(TestImages.Member("p1"), isAdmin: false, visibility).Select(Name));
    }

    [Theory]
    [InlineData(null, new[] { "all" })]
    [InlineData("all", new[] { "all" })]
    [InlineData("public", new[] { "public" })]
    [InlineData("community", new[] { "community" })]
    [InlineData("private", new[] { "all" })]
    public void SourcesFor_Admin_ReadsEverythingOrOneVisibility(string? visibility, string[] expected)
    {
        var admin = new Caller("p1", "u", new HashSet<string> { "admin" });

        Assert.Equal(expected, ListingScope.SourcesFor(admin, isAdmin: true, visibility).Select(Name));
    }

    [Theory]
    [InlineData(null, new[] { "public" })]
    [InlineData("all", new[] { "public", "community", "owner:" })]
    [InlineData("private", new string[0])]
    public void SourcesFor_CallerWithoutProject_ReadsWhatAnyoneMaySee(string? visibility, string[] expected)
    {
        var caller = new Caller(null, "u", new HashSet<string> { "member" });

        Assert.Equal(expected, ListingScope.SourcesFor(caller, isAdmin: false, visibility).Select(Name));
    }

    private static string Name(ListingScope scope) => scope.Kind switch
    {
        ListingScopeKind.Owner => "owner:" + scope.Project,
        ListingScopeKind.Member => "member:" + scope.Project,
        _ => scope.Kind.ToString().ToLowerInvariant(),
    };
}
