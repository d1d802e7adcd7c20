using Glance.FunctionsHost.Tests.Routing;

namespace Glance.FunctionsHost.Tests;

/// <summary>
/// Every request of the API reaches the function meant for it under the Functions host's routing rule, applied to
/// the build's functions.metadata (routes tried in function-name order, the first template and verbs that match
/// win). Each path is also matched by exactly one function, so no order of trying them could shadow a route.
/// </summary>
public sealed class HostRoutingTests
{
    private const string Id = "9b4f0e36-54f3-4c3b-9b8e-1d3c2a1f0a55";
    private static readonly string[] Verbs = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
    private static readonly HostRouteTable Host = HostRouteTable.FromBuildOutput();

    /// <summary>Every function whose route alone would take the request: more than one is an ordering hazard.</summary>
    private static List<string> AllMatches(string verb, string path) =>
        Host.Routes
            .Where(r => HostRouteTable.FromRoutes([(r.FunctionName, r.Template, r.Methods)], "").Match(verb, path) is not null)
            .Select(r => r.FunctionName)
            .ToList();

    public static TheoryData<string, string> Requests() => new()
    {
        { "/versions", "Versions" },
        { "/healthcheck", "Healthcheck" },
        { "/v2/images", "Images" },
        { $"/v2/images/{Id}", "Image" },
        { $"/v2/images/{Id}/file", "ImageFile" },
        { $"/v2/images/{Id}/stage", "ImageStage" },
        { $"/v2/images/{Id}/import", "ImageImport" },
        { $"/v2/images/{Id}/upload-url", "ImageUploadUrl" },
        { $"/v2/images/{Id}/download-url", "ImageDownloadUrl" },
        { $"/v2/images/{Id}/tasks", "ImageTasks" },
        { $"/v2/images/{Id}/members", "ImageMembers" },
        { $"/v2/images/{Id}/members/project-b", "ImageMember" },
        { $"/v2/images/{Id}/tags/linux", "ImageTag" },
        { $"/v2/images/{Id}/actions/deactivate", "DeactivateImage" },
        { $"/v2/images/{Id}/actions/reactivate", "ReactivateImage" },
        { "/v2/schemas/image", "Schema" },
        { "/v2/schemas/images", "Schema" },
        { "/v2/info/import", "ImportInfo" },
        { "/v2/info/usage", "Usage" },
        // Trailing slashes reach the route's own function, which answers Glance's 404 for an empty last segment.
        { "/v2/images/", "Images" },
        { $"/v2/images/{Id}/", "Image" },
        { $"/v2/images/{Id}/members/", "ImageMembers" },
        // Letter case: ASP.NET Core templates ignore it, so does the fallback's exclusion.
        { "/V2/Images", "Images" },
        // Empty segments, unknown paths and versions: the fallback (Glance's 404 or 300).
        { "/", "Unmatched" },
        { "/v2", "Unmatched" },
        { "/v2/", "Unmatched" },
        { "/v1/images", "Unmatched" },
        { "/v3", "Unmatched" },
        { "/v2/flavors", "Unmatched" },
        { "/v2/images//file", "Unmatched" },
        { $"/v2/images/{Id}//tags", "Unmatched" },
        { $"/v2/images/{Id}/tags", "Unmatched" },
        { $"/v2/images/{Id}/actions/explode", "Unmatched" },
        { $"/v2/images/{Id}/file/extra", "Unmatched" },
        { "/v2/schemas", "Unmatched" },
        { "/v2/info/other", "Unmatched" },
        { "/administrator", "Unmatched" },
        { "/runtimes/x", "Unmatched" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Match_EveryVerb_ReachesTheFunctionMeantForIt(string path, string function)
    {
        foreach (var verb in Verbs)
        {
            var resolved = Host.Match(verb, path);

            Assert.True(resolved is not null, $"{verb} {path} matched no function");
            Assert.Equal((verb, path, function), (verb, path, resolved.FunctionName));
            Assert.Equal([function], AllMatches(verb, path));
        }
    }

    [Theory]
    [InlineData("/admin/host/status")]
    [InlineData("/admin/functions/Images")]
    [InlineData("/runtime/webhooks/blobs")]
    [InlineData("/admin")]
    public void Match_HostOwnedPaths_ReachNoFunction(string path)
    {
        foreach (var verb in Verbs)
        {
            Assert.Null(Host.Match(verb, path));
        }
    }

    [Fact]
    public void Match_RouteValues_AreBoundByName()
    {
        var resolved = Host.Match("PUT", $"/v2/images/{Id}/members/project-b");

        Assert.Equal(Id, resolved!.RouteValues["imageId"]);
        Assert.Equal("project-b", resolved.RouteValues["memberId"]);
    }

    [Fact]
    public void FunctionsMetadata_EveryHttpFunction_IsCoveredByTheRequestTable()
    {
        var covered = Requests().Select(row => (string)row[1]).ToHashSet();

        Assert.All(Host.Routes, route => Assert.Contains(route.FunctionName, covered));
    }
}
