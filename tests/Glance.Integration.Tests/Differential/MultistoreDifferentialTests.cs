using Glance.Integration.Tests.Infrastructure;
using static Glance.Integration.Tests.Differential.Step;

namespace Glance.Integration.Tests.Differential;

/// <summary>
/// Multistore (<see cref="MultistoreGlance"/>): the same sequences against the reference Glance with two file stores
/// and against ours with two containers, compared as <see cref="DifferentialTests"/> compares. Left out: the admin's
/// <c>/v2/info/stores/detail</c> (a file store's type and properties are not a container's; Zed has no weight), and
/// an import that fails in one store (Zed leaves the image importing; current Glance, and we, return it to queued); a
/// PATCH of <c>/stores</c> (Zed answers a bare 409, we the 403 "read-only" its create answers).
/// </summary>
public sealed class MultistoreDifferentialTests(MultistoreGlance glance) : IClassFixture<MultistoreGlance>
{
    private static readonly string Raw = new('a', 1092);

    private static Step Admin(Step step) => step with { Project = "admins", Roles = "admin,member,reader" };

    private static Step Upload(string path, string? store = null) =>
        new Step("PUT", path, Raw) { ContentType = "application/octet-stream", Headers = store is null ? [] : [("X-Image-Meta-Store", store)] };

    private Task AssertSameAsync(params Step[] steps) => SessionComparison.AssertSameAsync(glance.Reference.BaseUrl, glance.Ours.BaseUrl, steps);

    [Fact]
    public Task StoresInfoAndUploads_ToChosenStores_MatchGlance() => AssertSameAsync(
        Get("/v2/info/stores"),
        Get("/v2/info/stores/detail"),
        Post("/v2/info/stores", "{}"),
        new Step("GET", "/v2/info/stores", "x"),
        Post("/v2/images", """{"name":"to-cheap","disk_format":"raw","container_format":"bare"}""") with { Capture = "cheap" },
        Upload("/v2/images/{cheap}/file", "bogus"),
        Get("/v2/images/{cheap}"),
        Upload("/v2/images/{cheap}/file", "cheap"),
        Get("/v2/images/{cheap}"),
        Get("/v2/images/{cheap}/file"),
        Post("/v2/images", """{"name":"to-default","disk_format":"raw","container_format":"bare"}""") with { Capture = "fast" },
        Upload("/v2/images/{fast}/file"),
        Get("/v2/images/{fast}"),
        Get("/v2/images/{fast}/file") with { Range = "bytes=2-5" },
        Post("/v2/images", """{"name":"read-only","stores":"cheap"}"""));

    /// <summary>Multistore adds v2.8 and v2.10 to v2.13 to the versions document and to the prefixes served.</summary>
    [Fact]
    public Task Versions_AndEveryMinorVersionPrefix_MatchGlance()
    {
        var steps = new List<Step>
        {
            Get("/versions"), Get("/"), Get("/v2.8") with { Identified = false },
            Post("/v2.10/images", """{"name":"prefixed","disk_format":"raw","container_format":"bare"}""") with { Capture = "img" },
        };
        foreach (var v in Enumerable.Range(0, 18).Select(minor => $"v2.{minor}"))
        {
            steps.AddRange([
                Get($"/{v}/images/{{img}}"), Get($"/{v}/images/{{img}}/"), Get($"/{v}/info/stores"), Get($"/{v}"),
                Admin(Delete($"/{v}/stores/bogus/{{img}}")), Get($"/{v}/images") with { Identified = false },
            ]);
        }
        return AssertSameAsync([.. steps]);
    }

    [Fact]
    public Task DeleteFromStore_Refusals_MatchGlance() => AssertSameAsync(
        Post("/v2/images", """{"name":"one-store","disk_format":"raw","container_format":"bare"}""") with { Capture = "img" },
        Admin(Delete("/v2/stores/fast/{img}")),
        Upload("/v2/images/{img}/file", "cheap"),
        Delete("/v2/stores/cheap/{img}"),
        Admin(Delete("/v2/stores/bogus/{img}")),
        Admin(Delete("/v2/stores/fast/00000000-0000-4000-8000-000000000000")),
        Admin(Delete("/v2/stores/cheap/{img}")),
        Admin(Delete("/v2/stores/fast/{img}")),
        Admin(Get("/v2/stores/fast/{img}")),
        Admin(new Step("DELETE", "/v2/stores/fast/{img}", "x")),
        Get("/v2/images/{img}"));

    private static Step Stage(string path) => new("PUT", path, Raw) { ContentType = "application/octet-stream" };

    private static Step Import(string image, string body) => Post($"/v2/images/{{{image}}}/import", body);

    private static Step Settled(string image) => Get($"/v2/images/{{{image}}}") with { Settled = true };

    [Fact]
    public Task ImportsToChosenStores_MatchGlance() => AssertSameAsync(
        Get("/v2/info/import"),
        Post("/v2/images", """{"name":"direct-two","disk_format":"raw","container_format":"bare"}""") with { Capture = "two" },
        Stage("/v2/images/{two}/stage"),
        Import("two", """{"method":{"name":"glance-direct"},"stores":["cheap","fast"],"all_stores":true}"""),
        Import("two", """{"method":{"name":"glance-direct"},"stores":["cheap","bogus"]}"""),
        Import("two", """{"method":{"name":"glance-direct"},"stores":["cheap"]}""") with { Headers = [("X-Image-Meta-Store", "fast")] },
        Import("two", """{"method":{"name":"glance-direct"},"all_stores":true}""") with { Headers = [("X-Image-Meta-Store", "fast")] },
        Import("two", """{"method":{"name":"glance-direct"}}""") with { Headers = [("X-Image-Meta-Store", "bogus")] },
        Import("two", """{"method":{"name":"glance-direct"},"all_stores_must_succeed":"no"}"""),
        Import("two", """{"method":{"name":"glance-direct"},"all_stores":1}"""),
        Get("/v2/images/{two}"),
        Import("two", """{"method":{"name":"glance-direct"},"stores":["cheap","fast"]}"""),
        Settled("two"),
        Get("/v2/images/{two}/file"),
        Post("/v2/images", """{"name":"direct-cheap","disk_format":"raw","container_format":"bare"}""") with { Capture = "cheap" },
        Stage("/v2/images/{cheap}/stage"),
        Import("cheap", """{"method":{"name":"glance-direct"}}""") with { Headers = [("X-Image-Meta-Store", "cheap")] },
        Settled("cheap"),
        Get("/v2/images/{cheap}/file"),
        Post("/v2/images", """{"name":"direct-all","disk_format":"raw","container_format":"bare"}""") with { Capture = "all" },
        Stage("/v2/images/{all}/stage"),
        Import("all", """{"method":{"name":"glance-direct"},"all_stores":true,"all_stores_must_succeed":false}"""),
        Settled("all"));

    [Fact]
    public Task CopyImage_ThenDeleteFromAStore_MatchGlance() => AssertSameAsync(
        Post("/v2/images", """{"name":"to-copy","disk_format":"raw","container_format":"bare"}""") with { Capture = "img" },
        Import("img", """{"method":{"name":"copy-image"},"stores":["cheap"]}"""),
        Admin(Import("img", """{"method":{"name":"copy-image"},"stores":["cheap"]}""")),
        Upload("/v2/images/{img}/file"),
        Import("img", """{"method":{"name":"copy-image"},"stores":["cheap"]}"""),
        Import("img", """{"method":{"name":"glance-direct"}}"""),
        Admin(Import("img", """{"method":{"name":"copy-image"},"stores":["fast"]}""")),
        Admin(Import("img", """{"method":{"name":"copy-image"},"stores":["bogus"]}""")),
        Admin(Import("img", """{"method":{"name":"copy-image"},"stores":["cheap"]}""")),
        Settled("img"),
        Get("/v2/images/{img}/file"),
        Admin(Import("img", """{"method":{"name":"copy-image"},"all_stores":true}""")),
        Admin(Import("img", """{"method":{"name":"copy-image"},"stores":["cheap"]}""")),
        Admin(Delete("/v2/stores/fast/{img}")),
        Get("/v2/images/{img}"),
        Get("/v2/images/{img}/file"),
        Admin(Import("img", """{"method":{"name":"copy-image"},"all_stores":true,"all_stores_must_succeed":false}""")),
        Settled("img"),
        Admin(Delete("/v2/stores/cheap/{img}")),
        Get("/v2/images/{img}"),
        Get("/v2/images/{img}/file"));
}
