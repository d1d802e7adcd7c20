using Glance.Functions.Http;

namespace Glance.Functions.Tests.Http;

/// <summary>Paths read as Glance's pipeline reads them, and looked up among this app's routes.</summary>
public sealed class GlancePathsTests
{
    private const string Id = "9b4f0e36-54f3-4c3b-9b8e-1d3c2a1f0a55";

    [Theory]
    [InlineData("/v2//images", "/v2/images")]
    [InlineData("///v2.5/images//x///file", "/v2.5/images/x/file")]
    [InlineData("/v2/images//", "/v2/images/")]
    [InlineData("/", "/")]
    public void Collapse_RunsOfSlashes_AreOne(string path, string expected)
    {
        Assert.Equal(expected, GlancePaths.Collapse(path));
    }

    [Theory]
    [InlineData("//versions/x", "versions")]
    [InlineData("/v2.5", "v2.5")]
    [InlineData("/", "")]
    public void FirstSegment_AfterLeadingSlashes_IsTheVersionNegotiationsSegment(string path, string expected)
    {
        Assert.Equal(expected, GlancePaths.FirstSegment(path));
    }

    [Theory]
    [InlineData("/v2.5/images", "Images", null)]
    [InlineData("/v2/images/file", "Image", "file")]
    [InlineData("/v2.15/images/" + Id + "/members/p2", "ImageMember", Id)]
    [InlineData("/healthcheck", "Healthcheck", null)]
    public void Match_RoutedPath_FindsItsFunctionAndRouteValues(string path, string function, string? imageId)
    {
        var (found, values) = HttpFunctionCatalog.Match(path)!.Value;

        Assert.Equal(function, found.Name);
        Assert.Equal(imageId, values.GetValueOrDefault("imageId")?.ToString());
    }

    [Theory]
    [InlineData("/v2/flavors")]
    [InlineData("/v2/images/" + Id + "/tags")]
    public void Match_UnroutedPath_FindsNoFunction(string path)
    {
        Assert.Null(HttpFunctionCatalog.Match(path));
    }

    [Theory]
    [InlineData("/v2/IMAGES", true)]
    [InlineData("/v2.5/images/" + Id + "/Members", true)]
    [InlineData("/v2/images/" + Id + "/members/P2", false)]
    [InlineData("/v2/images", false)]
    [InlineData("/v2/flavors", false)]
    public void IsRouteInAnotherCase_RouteWordsInOtherCase_AsGlancesCaseSensitiveRouter(string path, bool expected)
    {
        Assert.Equal(expected, ApiRoutes.IsRouteInAnotherCase(path));
    }
}
