using Glance.Domain.Application;
using Glance.Domain.Errors;
using Glance.Domain.Images;
using Glance.Domain.Listing;
using Glance.Domain.Members;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Moq;

namespace Glance.Domain.Tests.Families;

/// <summary>Image families: their listing scopes, the os_family filter's range read, and a family's latest image.</summary>
public sealed class ImageFamilyTests
{
    private readonly Mock<IImageRepository> _repository = new();
    private IReadOnlyList<ListingScope>? _readScopes;

    private static Image InFamily(string owner, string family, ImageStatus status = ImageStatus.Active, int minutesAgo = 0,
        string visibility = ImageVisibility.Private, bool deprecated = false, bool hidden = false)
    {
        var image = Image.Restore(TestImages.Owned(owner, visibility).ToSnapshot() with
        {
            Status = status, OsHidden = hidden, CreatedAt = TestImages.Now.AddMinutes(-minutesAgo),
        });
        image.SetProperty(ImageFamilies.Property, family);
        if (deprecated)
        {
            image.SetProperty(ImageFamilies.DeprecatedProperty, "true");
        }
        return image;
    }

    private void Lists(params Image[] newestFirst) =>
        _repository.Setup(r => r.ListNewestFirstAsync(
                It.IsAny<IReadOnlyList<ListingScope>>(), It.IsAny<IReadOnlyList<ImageFieldMatch>>(), null, It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .Callback((IReadOnlyList<ListingScope> scopes, IReadOnlyList<ImageFieldMatch> _, ImageCursor? _, int _, CancellationToken _) => _readScopes = scopes)
            .Returns(newestFirst.Select(i => new ListedImage(i, null)).ToAsyncEnumerable());

    private ImageFamilyQueries Families => new(_repository.Object, ImagePolicy.Default);

    [Fact]
    public void ScopesOf_AnImageInAFamily_AreItsScopesAndTheirFamilyCopies()
    {
        var image = InFamily("p1", "debian-12", visibility: ImageVisibility.Public);

        var scopes = ListingScope.Of(image, []).Select(s => s.Scope).ToList();

        Assert.Equal(
            [ListingScope.Everything, ListingScope.OwnedBy("p1"), ListingScope.Public,
             ListingScope.Everything.InFamily("debian-12"), ListingScope.OwnedBy("p1").InFamily("debian-12"), ListingScope.Public.InFamily("debian-12")],
            scopes);
    }

    [Fact]
    public void ScopesOf_AnImageWithAnEmptyFamily_HaveNoFamilyCopies()
    {
        var image = InFamily("p1", "");

        Assert.All(ListingScope.Of(image, []), s => Assert.Null(s.Scope.Family));
    }

    [Fact]
    public async Task Latest_IsTheNewestActiveImageThatIsNotDeprecatedHiddenOrAnotherProjectsPrivateOne()
    {
        var expected = InFamily("p1", "debian-12", minutesAgo: 50);
        Lists(
            InFamily("p2", "debian-12", minutesAgo: 1),
            InFamily("p1", "debian-12", ImageStatus.Queued, minutesAgo: 10),
            InFamily("p1", "debian-12", minutesAgo: 20, deprecated: true),
            InFamily("p1", "debian-12", minutesAgo: 30, hidden: true),
            InFamily("p1", "debian-13", minutesAgo: 40),
            expected,
            InFamily("p1", "debian-12", minutesAgo: 60));

        var latest = await Families.LatestAsync(TestImages.Member("p1"), "debian-12");

        Assert.Equal(expected.Id, latest.Id);
        Assert.Equal(
            [ListingScope.Public.InFamily("debian-12"), ListingScope.OwnedBy("p1").InFamily("debian-12"), ListingScope.SharedWith("p1").InFamily("debian-12")],
            _readScopes);
    }

    [Fact]
    public async Task Latest_ForAnAdministrator_IsTheNewestOfEveryProject()
    {
        var newest = InFamily("p2", "debian-12", minutesAgo: 1);
        Lists(newest, InFamily("p1", "debian-12", minutesAgo: 5));

        Assert.Equal(newest.Id, (await Families.LatestAsync(TestImages.Admin, "debian-12")).Id);
        Assert.Equal([ListingScope.Everything.InFamily("debian-12")], _readScopes);
    }

    [Fact]
    public async Task Latest_OfAFamilyWithNoCandidate_IsNotFound()
    {
        Lists(InFamily("p1", "debian-12", deprecated: true));

        var e = await Assert.ThrowsAsync<GlanceException>(() => Families.LatestAsync(TestImages.Member("p1"), "debian-12"));

        Assert.Equal(GlanceErrorKind.NotFound, e.Kind);
        Assert.Equal("No active image of family 'debian-12' that is not deprecated is visible to you.", e.Message);
    }

    [Fact]
    public void Filter_OnTheFamilyProperty_NamesTheFamily()
    {
        Assert.Equal("debian-12", new ImageFilterBuilder().Property("os_family", "debian-12").Build().Family);
        Assert.Null(new ImageFilterBuilder().Property("os_distro", "debian").Build().Family);
    }
}
