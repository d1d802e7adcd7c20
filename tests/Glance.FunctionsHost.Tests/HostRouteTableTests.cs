using Glance.FunctionsHost.Tests.Routing;

namespace Glance.FunctionsHost.Tests;

/// <summary>The host's route rule as HostRouteTable applies it: function-name order, first match, verbs, constraints.</summary>
public sealed class HostRouteTableTests
{
    private static readonly string[] All = ["get", "post", "put", "patch", "delete", "head", "options"];

    [Fact]
    public void Match_CatchAllNamedBeforeSpecificRoute_TakesTheRequest()
    {
        var table = HostRouteTable.FromRoutes(
        [
            ("UpdateImage", "v2/images/{imageId}", ["patch"]),
            ("Unmatched", "{*path}", All),
            ("ShowImage", "v2/images/{imageId}", ["get"]),
        ], "");

        Assert.Equal("ShowImage", table.Match("GET", "/v2/images/abc")!.FunctionName);
        // "Unmatched" < "UpdateImage": the catch-all is tried first and takes the PATCH.
        var patch = table.Match("PATCH", "/v2/images/abc")!;
        Assert.Equal("Unmatched", patch.FunctionName);
        Assert.Equal("v2/images/abc", patch.RouteValues["path"]);
    }

    [Fact]
    public void Routes_NamesDifferingInCase_OrderedIgnoringCase()
    {
        // Ordinal order would put "B_specific" (0x42) before "a_catchall" (0x61); the host ignores case.
        var table = HostRouteTable.FromRoutes([("B_specific", "items", ["get"]), ("a_catchall", "{*path}", null)], "");

        Assert.Equal(["a_catchall", "B_specific"], table.Routes.Select(r => r.FunctionName));
        Assert.Equal("a_catchall", table.Match("GET", "/items")!.FunctionName);
    }

    [Fact]
    public void Match_VerbNotListed_FallsThroughToNextRoute()
    {
        var table = HostRouteTable.FromRoutes([("CreateImage", "v2/images", ["post"]), ("ListImages", "v2/images", ["get"])], "");

        Assert.Equal("ListImages", table.Match("GET", "/v2/images")!.FunctionName);
        Assert.Equal("CreateImage", table.Match("post", "/v2/images")!.FunctionName);
        Assert.Null(table.Match("DELETE", "/v2/images"));
    }

    [Fact]
    public void Match_InlineRegexConstraint_RejectsNonMatchingValue()
    {
        var table = HostRouteTable.FromRoutes(
        [
            ("AImageById", "v2/images/{imageId:regex(^[0-9a-f]{{8}}$)}", ["get"]),
            ("BImageOther", "v2/images/{other}", ["get"]),
        ], "");

        var byId = table.Match("GET", "/v2/images/0123abcd")!;
        Assert.Equal("AImageById", byId.FunctionName);
        Assert.Equal("0123abcd", byId.RouteValues["imageId"]);
        Assert.Equal("BImageOther", table.Match("GET", "/v2/images/not-an-id")!.FunctionName);
    }

    [Fact]
    public void Match_RoutePrefixAndEmptyRoute_UsesPrefixAndFunctionName()
    {
        var table = HostRouteTable.FromRoutes([("Ping", null, null)], HostRouteTable.DefaultRoutePrefix);

        Assert.Equal("api/Ping", table.Routes.Single().Template);
        Assert.Equal("Ping", table.Match("PUT", "/api/ping?x=1")!.FunctionName);
        Assert.Null(table.Match("GET", "/ping"));
    }

    [Fact]
    public void Match_PercentEncodedSegment_GivesDecodedRouteValue()
    {
        var table = HostRouteTable.FromRoutes([("AddImageTag", "v2/images/{imageId}/tags/{tag}", ["put"])], "");

        var match = table.Match("PUT", new Uri("http://host/v2/images/i1/tags/a%20b"))!;

        Assert.Equal("a b", match.RouteValues["tag"]);
    }
}
