using static Glance.Integration.Tests.Differential.Step;

namespace Glance.Integration.Tests.Differential;

/// <summary>
/// Paths as Glance's pipeline reads them: its version negotiation takes the first segment (a version it serves, else
/// 300 with the versions document; <c>versions</c> is that document), its URL map collapses runs of slashes, and its v2
/// router matches the rest exactly (a trailing slash is 404, the bare <c>/v2</c> a redirect to <c>/v2/</c>).
/// </summary>
public sealed partial class DifferentialTests
{
    /// <summary>Served (v2, v2.0 to v2.7, v2.9, v2.15 without an image cache) and refused first segments.</summary>
    private static readonly string[] VersionSegments =
    [
        "v2", .. Enumerable.Range(0, 18).Select(minor => $"v2.{minor}"),
        "v2.05", "v2.", "V2", "V2.5", "v3", "v3.0", "v1", "v1.0", "v20", "images",
    ];

    [Fact]
    public Task Paths_EveryRouteUnderEveryVersionPrefix_MatchGlance()
    {
        var project = "vers-" + Run;
        Step As(Step step) => step with { Project = project };
        var steps = new List<Step>
        {
            As(Post("/v2.9/images", """{"name":"prefixed","disk_format":"raw","container_format":"bare","tags":["t"]}""")) with { Capture = "img" },
        };
        foreach (var v in VersionSegments)
        {
            steps.AddRange([
                As(Get($"/{v}")), As(Get($"/{v}/")), As(Get($"/{v}/images?owner={project}")), As(Get($"/{v}/images?owner={project}&limit=1")),
                As(Get($"/{v}/images/{{img}}")), As(Get($"/{v}/images/{{img}}/")), As(Get($"/{v}/images/{{img}}/members")),
                As(Get($"/{v}/images/{{img}}/file")), As(Get($"/{v}/images/{{img}}/tasks")), As(Get($"/{v}/schemas/members")),
                As(Get($"/{v}/schemas/image")), As(Get($"/{v}/info/import")), As(Get($"/{v}/flavors")), As(Get($"/{v}/versions")),
                As(new Step("PUT", $"/{v}/images")), As(Delete($"/{v}/images/{{img}}/tags/nope")),
                Get($"/{v}/images") with { Identified = false }, Get($"/{v}") with { Identified = false },
            ]);
        }
        return AssertSameAsync([.. steps]);
    }

    [Fact]
    public Task Paths_ImageLifecycleUnderMinorVersionPrefixes_MatchGlance()
    {
        var project = "life-" + Run;
        var member = "lifem-" + Run;
        Step As(Step step) => step with { Project = project };
        return AssertSameAsync(
            As(Post("/v2.0/images", """{"name":"life","disk_format":"raw","container_format":"bare"}""")) with { Capture = "img" },
            As(Post("/v2.1/images", """{"name":"second","disk_format":"raw","container_format":"bare"}""")) with { Capture = "second" },
            As(Patch("/v2.2/images/{img}", """[{"op":"replace","path":"/name","value":"renamed"},{"op":"add","path":"/k","value":"v"}]""")),
            As(PatchV20("/v2.3/images/{img}", """[{"add":"/k2","value":"v"}]""")),
            As(new Step("PUT", "/v2.4/images/{img}/tags/a")),
            As(Delete("/v2.5/images/{img}/tags/a")),
            As(Post("/v2.6/images/{img}/members", $$"""{"member":"{{member}}"}""")),
            As(Get($"/v2.7/images/{{img}}/members/{member}")),
            new Step("PUT", $"/v2.9/images/{{img}}/members/{member}", """{"status":"accepted"}""") { Project = member },
            As(Delete($"/v2.15/images/{{img}}/members/{member}")),
            As(new Step("PUT", "/v2.15/images/{img}/file", "0123456789") { ContentType = "application/octet-stream" }),
            As(Get("/v2.0/images/{img}/file")),
            As(Get("/v2.9/images/{img}/file") with { Range = "bytes=2-4" }),
            As(new Step("POST", "/v2.1/images/{img}/actions/deactivate")),
            As(new Step("POST", "/v2.2/images/{img}/actions/reactivate")),
            As(Post("/v2.3/images/{second}/import", """{"method":{"name":"glance-direct"}}""")),
            As(new Step("PUT", "/v2.4/images/{second}/stage", "x") { ContentType = "application/octet-stream" }),
            As(Get($"/v2.5/images?owner={project}&limit=1")),
            As(Get($"/v2.6/images?owner={project}&limit=1&marker={{img}}")),
            As(Get("/v2.7/images/{img}")),
            As(Delete("/v2.9/images/{img}")),
            As(Get("/v2.15/images/{img}")));
    }

    [Fact]
    public Task Paths_TrailingSlashesAndEmptySegmentsOnEveryRoute_MatchGlance()
    {
        var project = "slash-" + Run;
        Step As(Step step) => step with { Project = project };
        string[] routes =
        [
            "/images", "/images/{img}", "/images/{img}/file", "/images/{img}/stage", "/images/{img}/import", "/images/{img}/tasks",
            "/images/{img}/members", $"/images/{{img}}/members/{project}", "/images/{img}/tags/t", "/images/{img}/actions/deactivate",
            "/images/{img}/actions/reactivate", "/schemas/image", "/info/import",
        ];
        var steps = new List<Step>
        {
            As(Post("/v2/images", """{"name":"slashes","disk_format":"raw","container_format":"bare","tags":["t"]}""")) with { Capture = "img" },
        };
        foreach (var route in routes)
        {
            foreach (var v in new[] { "v2", "v2.7" })
            {
                steps.AddRange([
                    As(Get($"/{v}{route}/")), As(Delete($"/{v}{route}/")),
                    As(Get($"/{v}{route.Replace("{img}", "")}")), As(Delete($"/{v}{route.Replace("{img}", "")}")),
                    As(Get($"/{v}/{route}")), As(Get($"/{v}{route.Replace("/", "//")}")), As(Get($"/{v}{route}//")),
                ]);
            }
        }
        steps.AddRange([
            As(Get("//v2/images")), As(Get("///v2.5/images/{img}")), As(Get("/v2//images/{img}//members")),
            As(Get("//versions")), Get("//healthcheck"), Get("/healthcheck/"), Get("/healthcheck/x"),
            As(Get("/v2/images/{img}")), As(Get("/v2/images/{img}//")), As(Get("/v2/IMAGES")), As(Get("/v2/images/{img}/MEMBERS")),
            As(Get("/v2/Schemas/image")), As(Get("/V2/images")), As(Get("/v2//IMAGES")),
            // Zed without unified limits reports no usage; we report the quotas, as Glance with them does. Other verbs:
            As(Delete("/v2/info/usage")), As(Post("/v2.7/info/usage", "{}")), As(new Step("PUT", "/v2/info/usage")),
        ]);
        return AssertSameAsync([.. steps]);
    }

    [Fact]
    public Task Versions_EveryVerbAndPath_MatchGlance() => AssertSameAsync(
        Get("/versions"), Post("/versions", "{}"), Delete("/versions"), new Step("PUT", "/versions"), new Step("HEAD", "/versions"),
        Get("/versions/"), Get("/versions/x"), Get("/VERSIONS"), Get("/"), Post("/", "{}"), Get("/v3/images"), Get("/x/y/z"),
        Get("/versions") with { Identified = false }, Get("/") with { Identified = false }, Get("/v2.17/images") with { Identified = false },
        Get("/healthcheck"), Post("/healthcheck", "{}"), Delete("/healthcheck"), Get("/HEALTHCHECK"), Get("/healthcheck/"),
        Get("/healthcheck") with { Identified = false });
}
