using Glance.Domain.Members;
using Glance.Domain.Policy;

namespace Glance.Domain.Tests.Policy;

/// <summary>Which images a list includes before filters, as Glance's image_get_all decides (checked against the reference).</summary>
public sealed class ImageListScopeTests
{
    [Theory]
    // caller: "own" (the owner), "member" (with the given membership status), "stranger" or "admin" (another project).
    [InlineData("admin", "community", null, "accepted", null, false)]
    [InlineData("admin", "community", "community", "accepted", null, true)]
    [InlineData("admin", "private", null, "accepted", null, true)]
    [InlineData("own", "community", null, "accepted", null, true)]
    [InlineData("stranger", "community", null, "accepted", null, false)]
    [InlineData("stranger", "community", "community", "accepted", null, true)]
    [InlineData("stranger", "community", "all", "accepted", null, true)]
    [InlineData("stranger", "public", null, "accepted", null, true)]
    [InlineData("stranger", "private", "all", "accepted", null, false)]
    [InlineData("stranger", "shared", "shared", "all", null, false)]
    [InlineData("member", "shared", null, "accepted", ImageMember.Accepted, true)]
    [InlineData("member", "shared", null, "accepted", ImageMember.Pending, false)]
    [InlineData("member", "shared", "all", "accepted", ImageMember.Pending, false)]
    [InlineData("member", "shared", "all", "all", ImageMember.Pending, true)]
    [InlineData("member", "shared", "shared", "pending", ImageMember.Pending, true)]
    [InlineData("member", "shared", "shared", "rejected", ImageMember.Pending, false)]
    [InlineData("member", "private", "private", "all", ImageMember.Accepted, false)]
    public void Includes_AsGlancesImageGetAll(string caller, string visibility, string? filter, string memberStatus, string? membership, bool expected)
    {
        var image = TestImages.Owned("p1", visibility);
        var who = caller switch
        {
            "own" => TestImages.Member("p1"),
            "admin" => TestImages.Admin,
            _ => TestImages.Member("p2"),
        };
        var member = membership is null ? null : new ImageMember(image.Id, "p2", membership, TestImages.Now, TestImages.Now);

        Assert.Equal(expected, ImageListScope.Includes(who, caller == "admin", image, filter, memberStatus, member));
    }
}
