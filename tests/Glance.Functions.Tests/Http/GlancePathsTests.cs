using Glance.Functions.Http;

namespace Glance.Functions.Tests.Http;

/// <summary>Paths read as Glance's pipeline reads them.</summary>
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
