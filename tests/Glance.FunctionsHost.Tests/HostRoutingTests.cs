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

    /// <summary>Each route alone, so that a request can be tried against every one of them.</summary>
    private static readonly IReadOnlyList<(string FunctionName, HostRouteTable Table)> SingleRoutes =
        Host.Routes.Select(r => (r.FunctionName, HostRouteTable.FromRoutes([(r.FunctionName, r.Template, r.Methods)], ""))).ToList();

    /// <summary>Every function whose route alone would take the request: more than one is an ordering hazard.</summary>
    private static List<string> AllMatches(string verb, string path) =>
        SingleRoutes.Where(r => r.Table.Match(verb, path) is not null).Select(r => r.FunctionName).ToList();

    /// <summary>The path of every route, with "v2" as its version segment.</summary>
    private static readonly (string Path, string Function)[] V2Routes =
    [
        ("/v2/images", "Images"),
        ($"/v2/images/{Id}", "Image"),
        ($"/v2/images/{Id}/file", "ImageFile"),
        ($"/v2/images/{Id}/stage", "ImageStage"),
        ($"/v2/images/{Id}/import", "ImageImport"),
        ($"/v2/images/{Id}/upload-url", "ImageUploadUrl"),
        ($"/v2/images/{Id}/download-url", "ImageDownloadUrl"),
        ($"/v2/images/{Id}/tasks", "ImageTasks"),
        ($"/v2/images/{Id}/locations", "ImageLocations"),
        ($"/v2/images/{Id}/members", "ImageMembers"),
        ($"/v2/images/{Id}/members/project-b", "ImageMember"),
        ($"/v2/images/{Id}/tags/linux", "ImageTag"),
        ($"/v2/images/{Id}/actions/deactivate", "DeactivateImage"),
        ($"/v2/images/{Id}/actions/reactivate", "ReactivateImage"),
        ($"/v2/images/{Id}/actions/restore", "RestoreImage"),
        ("/v2/schemas/image", "Schema"),
        ("/v2/schemas/images", "Schema"),
        ("/v2/info/import", "ImportInfo"),
        ("/v2/info/usage", "Usage"),
        ("/v2/info/stores", "StoresInfo"),
        ("/v2/info/stores/detail", "StoresInfoDetail"),
        ($"/v2/stores/fast/{Id}", "ImageInStore"),
        ("/v2/tasks", "Tasks"),
        ($"/v2/tasks/{Id}", "TaskById"),
        ("/v2/families/debian-12/latest", "LatestInFamily"),
        ("/v2/metadefs/namespaces", "MetadefNamespaces"),
        ("/v2/metadefs/namespaces/OS::Compute::Libvirt", "MetadefNamespace"),
        ("/v2/metadefs/namespaces/OS::Compute::Libvirt/tags", "MetadefTags"),
        ("/v2/metadefs/namespaces/OS::Compute::Libvirt/tags/fast", "MetadefTag"),
        ("/v2/metadefs/namespaces/OS::Compute::Libvirt/objects", "MetadefObjects"),
        ("/v2/metadefs/namespaces/OS::Compute::Libvirt/objects/CPU Limits", "MetadefObject"),
        ("/v2/metadefs/namespaces/OS::Compute::Libvirt/properties", "MetadefProperties"),
        ("/v2/metadefs/namespaces/OS::Compute::Libvirt/properties/hw_rng_model", "MetadefProperty"),
        ("/v2/metadefs/resource_types", "MetadefResourceTypes"),
        ("/v2/metadefs/namespaces/OS::Compute::Libvirt/resource_types", "MetadefAssociations"),
        ("/v2/metadefs/namespaces/OS::Compute::Libvirt/resource_types/OS::Nova::Flavor", "MetadefAssociation"),
        ("/v2/schemas/metadefs/namespace", "MetadefSchema"),
        ("/v2/schemas/metadefs/resource_types", "MetadefSchema"),
    ];

    /// <summary>
    /// The version segments Glance's version negotiation serves v2 under in a deployment without cache (with multistore
    /// or without: the routes take both, the endpoint answers 300 to a multistore one where no store is configured), and
    /// ones it answers 300 to in any such deployment.
    /// </summary>
    private static readonly string[] ServedVersions =
        ["v2.0", "v2.1", "v2.2", "v2.3", "v2.4", "v2.5", "v2.6", "v2.7", "v2.8", "v2.9", "v2.10", "v2.11", "v2.12", "v2.13", "v2.15"];
    private static readonly string[] RefusedVersions = ["v2.14", "v2.16", "v2.17", "v2.05", "v2.", "V2", "V2.5", "v3", "v1", "v1.0", "v20"];

    public static TheoryData<string, string> Requests()
    {
        var requests = Fixed();
        foreach (var (path, function) in V2Routes)
        {
            requests.Add(path, function);
            foreach (var version in ServedVersions)
            {
                requests.Add($"/{version}{path[3..]}", function);
                requests.Add($"/{version}{path[3..]}/", function);
            }
            foreach (var version in RefusedVersions)
            {
                requests.Add($"/{version}{path[3..]}", "Unmatched");
            }
        }
        foreach (var version in ServedVersions)
        {
            // The bare version (Glance's redirect to /v2/), empty segments and unknown paths under it.
            requests.Add($"/{version}", "Unmatched");
            requests.Add($"/{version}/", "Unmatched");
            requests.Add($"/{version}/images//file", "Unmatched");
            requests.Add($"/{version}//images", "Unmatched");
            requests.Add($"/{version}/images/{Id}//", "Unmatched");
            requests.Add($"/{version}/flavors", "Unmatched");
            requests.Add($"/{version}/versions", "Unmatched");
            requests.Add($"/{version}/healthcheck", "Unmatched");
        }
        return requests;
    }

    private static TheoryData<string, string> Fixed() => new()
    {
        { "/versions", "Versions" },
        { "/healthcheck", "Healthcheck" },
        // Trailing slashes reach the route's own function, which answers Glance's 404 for an empty last segment.
        { "/v2/images/", "Images" },
        { $"/v2/images/{Id}/", "Image" },
        { $"/v2/images/{Id}/members/", "ImageMembers" },
        // Letter case: ASP.NET Core templates ignore it in literal segments, so does the fallback's exclusion; the
        // version segment is compared as Glance does (/V2/images is its 300).
        { "/v2/Images", "Images" },
        { "/versions/x", "Unmatched" },
        // Empty segments, unknown paths and versions: the fallback (Glance's 404 or 300).
        { "/", "Unmatched" },
        { "/v2", "Unmatched" },
        { "/v2/", "Unmatched" },
        { "/v3", "Unmatched" },
        { "/v2/flavors", "Unmatched" },
        { "/v2/images//file", "Unmatched" },
        { $"/v2/images/{Id}//tags", "Unmatched" },
        { $"/v2/images/{Id}/tags", "Unmatched" },
        { $"/v2/images/{Id}/actions/explode", "Unmatched" },
        { $"/v2/images/{Id}/file/extra", "Unmatched" },
        { "/v2/schemas", "Unmatched" },
        { "/v2/info/other", "Unmatched" },
        { "/v2/metadefs", "Unmatched" },
        { "/v2/metadefs/namespaces/x/tags/a/b", "Unmatched" },
        { "/v2/metadefs/namespaces/x/labels", "Unmatched" },
        { "/v2/metadefs/namespaces//x", "Unmatched" },
        { "/v2/schemas/metadefs", "Schema" },
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

    /// <summary>
    /// A platform limit: the host's router matches no template, not even a catch-all, when the path starts with an
    /// empty segment, so these get the host's bare 404 where Glance (whose HTTP server reads leading slashes as one)
    /// serves them. The local host's endpoint routing hands them to the fallback, which serves them as Glance does.
    /// </summary>
    [Theory]
    [InlineData("//v2/images")]
    [InlineData("//v2.5/images")]
    [InlineData("//versions")]
    [InlineData("//healthcheck")]
    public void Match_PathStartingWithAnEmptySegment_ReachesNoFunction(string path)
    {
        Assert.Null(Host.Match("GET", path));
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
