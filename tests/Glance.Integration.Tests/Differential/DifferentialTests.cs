using System.Text.Json.Nodes;
using Glance.Integration.Tests.Infrastructure;
using static Glance.Integration.Tests.Differential.Step;

namespace Glance.Integration.Tests.Differential;

/// <summary>
/// The same request sequences against the real Glance (Debian's Zed, in trusted-header mode) and against ours,
/// comparing status codes, the headers that matter and the normalised bodies. Known, deliberate differences are
/// left out of the sequences and listed here:
/// <list type="bullet">
/// <item>Zed answers 500 to a JSON array as the create body and to an over-long X-Openstack-Request-Id; we answer
/// 400 and 431 (ImagesApiTests covers both): a server error for bad input is a bug.</item>
/// <item>The reference runs Zed with the new policy defaults enforced (secure RBAC), as we do
/// (<see cref="ReferenceGlance"/>); <see cref="AuthorizationMatrix_Cell_MatchesGlance"/> compares roles and ownership cell by cell.</item>
/// <item>Zed accepts a 256-character extra property key through PATCH though it rejects it on create; we reject
/// both.</item>
/// <item>The reference runs without an image cache and with our import methods (<see cref="ReferenceGlance"/>), so its
/// versions document, the version prefixes it serves and its import info are ours; with a cache Zed's CURRENT is v2.16.</item>
/// <item>Zed answers OPTIONS on any route 200 with no body; we answer OPTIONS 405 with <c>Allow</c>.</item>
/// <item>Zed without unified limits answers <c>/v2/info/usage</c> with no usage; we report the quotas, as Glance with
/// unified limits does.</item>
/// <item>Paths starting with <c>//</c>: Glance serves them as if the slash were single; the Functions host's router
/// matches no function for them (its bare 404). The local host serves them as Glance does.</item>
/// <item>Image ids: Zed on sqlite finds an image only by the id in the case it was created in; we store ids lower-case
/// and find them in any case (<see cref="ImageIdCase_OtherCaseThanCreated_FindsTheImageWhereZedOnSqliteDoesNot"/>).
/// Creates without a project are compared with a reference that enforces scope (<see cref="DifferentialScopeTests"/>).</item>
/// <item>List links: Zed keeps only the last of a repeated parameter; we keep all (no repeated parameters here).</item>
/// <item>Image data: Zed neither checks that the content matches disk_format nor runs the safety checks on upload;
/// current Glance (and we) answer 415. The sequences upload valid raw data only; ImageDataTests cover the rest.</item>
/// </list>
/// </summary>
[Collection(GlanceServiceCollection.Name)]
public sealed partial class DifferentialTests(GlanceService ours, ReferenceGlance reference) : IClassFixture<ReferenceGlance>
{
    private static readonly string Run = Guid.NewGuid().ToString("N")[..8];

    private Task AssertSameAsync(params Step[] steps) => SessionComparison.AssertSameAsync(reference.BaseUrl, ours.Trusted.BaseUrl, steps);

    [Fact]
    public Task CreateAndShow_EveryPropertyType_MatchGlance() => AssertSameAsync(
        Post("/v2/images", """{"name":"every-type","disk_format":"qcow2","container_format":"bare","min_ram":512,"min_disk":1,"protected":false,"visibility":"private","os_hidden":false,"tags":["b","a","b"],"k1":"v1","k2":""}""") with { Capture = "img" },
        Get("/v2/images/{img}"),
        Post("/v2/images", "{}") with { Capture = "empty" },
        Get("/v2/images/{empty}"),
        Post("/v2/images", """{"name":null,"disk_format":null,"container_format":null,"visibility":"community"}"""),
        Post("/v2/images", """{"id":"6f1e3a56-2f4c-4e0a-9d8e-0b6c1f1f2a01","name":"fixed-id"}"""),
        Post("/v2/images", """{"id":"6f1e3a56-2f4c-4e0a-9d8e-0b6c1f1f2a01"}"""),
        Post("/v2/images", """{"owner":"p1"}"""),
        Post("/v2/images", """{"owner":"someone-else","visibility":"public"}""") with { Project = "admins", Roles = "admin,member,reader" });

    [Fact]
    public Task Create_InvalidBodies_FailAsGlance() => AssertSameAsync(
        Post("/v2/images", """{"status":"active"}"""),
        Post("/v2/images", """{"checksum":"x"}"""),
        Post("/v2/images", """{"self":"x"}"""),
        Post("/v2/images", """{"min_ram":"5"}"""),
        Post("/v2/images", """{"min_ram":-1}"""),
        Post("/v2/images", """{"min_ram":1.5}"""),
        Post("/v2/images", """{"visibility":"bogus"}"""),
        Post("/v2/images", """{"disk_format":"bogus"}"""),
        Post("/v2/images", """{"container_format":"bogus"}"""),
        Post("/v2/images", """{"foo":5}"""),
        Post("/v2/images", """{"foo":null}"""),
        Post("/v2/images", $$"""{"{{new string('k', 256)}}":"v"}"""),
        Post("/v2/images", """{"id":"bad"}"""),
        Post("/v2/images", $$"""{"name":"{{new string('n', 256)}}"}"""),
        Post("/v2/images", $$"""{"tags":["{{new string('t', 256)}}"]}"""),
        Post("/v2/images", """{"tags":"a"}"""),
        Post("/v2/images", """{"protected":"yes"}"""),
        Post("/v2/images", """{"owner":"other"}"""),
        Post("/v2/images", """{"visibility":"public"}"""),
        Post("/v2/images", "{not json"),
        Post("/v2/images", "\"text\""));

    [Fact]
    public Task Patch_EveryOperationAndError_MatchGlance() => AssertSameAsync(
        Post("/v2/images", """{"name":"patch-me","ep":"v"}""") with { Capture = "img" },
        Patch("/v2/images/{img}", """[{"op":"replace","path":"/name","value":"renamed"},{"op":"add","path":"/k2","value":"v2"},{"op":"add","path":"/ep","value":"upserted"}]"""),
        Patch("/v2/images/{img}", """[{"op":"replace","path":"/min_ram","value":256},{"op":"replace","path":"/min_disk","value":2},{"op":"replace","path":"/protected","value":true},{"op":"replace","path":"/protected","value":false}]"""),
        Patch("/v2/images/{img}", """[{"op":"replace","path":"/tags","value":["x","y","x"]},{"op":"replace","path":"/os_hidden","value":true},{"op":"replace","path":"/os_hidden","value":false}]"""),
        Patch("/v2/images/{img}", """[{"op":"replace","path":"/disk_format","value":"raw"},{"op":"replace","path":"/container_format","value":"bare"},{"op":"replace","path":"/visibility","value":"private"}]"""),
        Patch("/v2/images/{img}", """[{"op":"remove","path":"/k2"}]"""),
        Patch("/v2/images/{img}", "[]"),
        Patch("/v2/images/{img}", """[{"op":"replace","path":"/nope","value":"x"}]"""),
        Patch("/v2/images/{img}", """[{"op":"remove","path":"/nope"}]"""),
        Patch("/v2/images/{img}", """[{"op":"remove","path":"/name"}]"""),
        Patch("/v2/images/{img}", """[{"op":"remove","path":"/min_ram"}]"""),
        Patch("/v2/images/{img}", """[{"op":"replace","path":"/status","value":"active"}]"""),
        Patch("/v2/images/{img}", """[{"op":"replace","path":"/id","value":"x"}]"""),
        Patch("/v2/images/{img}", """[{"op":"replace","path":"/created_at","value":"x"}]"""),
        Patch("/v2/images/{img}", """[{"op":"add","path":"/os_glance_x","value":"x"}]"""),
        Patch("/v2/images/{img}", """[{"op":"add","path":"/location","value":"x"}]"""),
        Patch("/v2/images/{img}", """[{"op":"add","path":"/min_ram","value":-1}]"""),
        Patch("/v2/images/{img}", """[{"op":"replace","path":"/min_ram","value":"5"}]"""),
        Patch("/v2/images/{img}", """[{"op":"add","path":"/foo","value":5}]"""),
        Patch("/v2/images/{img}", """[{"op":"replace","path":"/visibility","value":"bogus"}]"""),
        Patch("/v2/images/{img}", """[{"op":"replace","path":"/owner","value":"p2"}]"""),
        Patch("/v2/images/{img}", """[{"op":"replace","path":"/visibility","value":"public"}]"""),
        Patch("/v2/images/{img}", """[{"op":"replace","path":"/name","value":"atomic"},{"op":"replace","path":"/nope","value":"x"}]"""),
        Get("/v2/images/{img}"),
        Patch("/v2/images/{img}", "{}"),
        Patch("/v2/images/{img}", """["x"]"""),
        Patch("/v2/images/{img}", """[{"op":"test","path":"/name","value":"x"}]"""),
        Patch("/v2/images/{img}", """[{"op":"move","path":"/name","from":"/x"}]"""),
        Patch("/v2/images/{img}", """[{"path":"/name","value":"x"}]"""),
        Patch("/v2/images/{img}", """[{"op":"replace","value":"x"}]"""),
        Patch("/v2/images/{img}", """[{"op":"replace","path":"/name"}]"""),
        Patch("/v2/images/{img}", """[{"op":"replace","path":"name","value":"x"}]"""),
        Patch("/v2/images/{img}", """[{"op":"replace","path":"/a//b","value":"x"}]"""),
        Patch("/v2/images/{img}", """[{"op":"replace","path":"/a/","value":"x"}]"""),
        Patch("/v2/images/{img}", """[{"op":"replace","path":"/name/x","value":"x"}]"""),
        Patch("/v2/images/{img}", """[{"op":"add","path":"/a~1b","value":"slash"}]"""),
        Patch("/v2/images/{img}", """[{"op":"add","path":"/a~2b","value":"x"}]"""),
        Patch("/v2/images/{img}", "{not json"),
        PatchV20("/v2/images/{img}", """[{"replace":"/name","value":"v20"}]"""),
        PatchV20("/v2/images/{img}", """[{"add":"/k20","value":"v"}]"""),
        PatchV20("/v2/images/{img}", """[{"add":"/k20","value":"again"}]"""),
        PatchV20("/v2/images/{img}", """[{"remove":"/k20"}]"""),
        PatchV20("/v2/images/{img}", """[{"remove":"/k20"}]"""),
        PatchV20("/v2/images/{img}", """[{"op":"replace","path":"/name","value":"x"}]"""),
        PatchV20("/v2/images/{img}", """[{"replace":"/name","add":"/name","value":"x"}]"""),
        PatchV20("/v2/images/{img}", """[{"replace":"/name"}]"""),
        Patch("/v2/images/{img}", "[]", "application/json"),
        Patch("/v2/images/{img}", """[{"op":"replace","path":"/name","value":"x"}]""") with { Project = "p2" },
        Patch("/v2/images/{img}", """[{"op":"replace","path":"/owner","value":"p9"},{"op":"replace","path":"/visibility","value":"public"}]""") with { Project = "admins", Roles = "admin,member,reader" },
        Patch("/v2/images/00000000-0000-4000-8000-000000000000", """[{"op":"replace","path":"/name","value":"x"}]"""));

    [Fact]
    public Task Paths_TrailingSlashesEmptySegmentsAndVerbs_MatchGlance() => AssertSameAsync(
        Post("/v2/images", """{"name":"paths"}""") with { Capture = "img" },
        Get("/v2/images/"),
        Delete("/v2/images/"),
        Get("/v2/images/{img}/"),
        Patch("/v2/images/{img}/", "[]"),
        Get("/v2/images/{img}/members/"),
        Delete("/v2/images/{img}/tags/"),
        Get("/v2/schemas/image/"),
        Get("/v2/info/import/"),
        Post("/v2/images/{img}/actions/deactivate/", "{}"),
        new Step("PUT", "/v2/images/{img}/members"),
        new Step("HEAD", "/v2/images/{img}/file"),
        Get("/healthcheck"),
        new Step("HEAD", "/healthcheck"),
        Get("/v2/images/{img}"));

    [Fact]
    public Task List_ExactCoreAttributeFilters_MatchGlance()
    {
        var project = "exact-" + Run;
        Step As(Step step) => step with { Project = project };
        return AssertSameAsync(
            As(Post("/v2/images", """{"name":"sized","disk_format":"raw","container_format":"bare","min_ram":64,"min_disk":2}""")) with { Capture = "img" },
            As(new Step("PUT", "/v2/images/{img}/file", new string('a', 1092)) with { ContentType = "application/octet-stream" }),
            As(Post("/v2/images", """{"name":"empty","min_ram":0}""")),
            As(Get($"/v2/images?owner={project}&size=1092")),
            As(Get($"/v2/images?owner={project}&size=1093")),
            As(Get($"/v2/images?owner={project}&min_ram=64")),
            As(Get($"/v2/images?owner={project}&min_disk=2")),
            As(Get($"/v2/images?owner={project}&min_ram=0")),
            As(Get($"/v2/images?owner={project}&virtual_size=1092")),
            As(Get($"/v2/images?owner={project}&checksum=" + Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.ASCII.GetBytes(new string('a', 1092)))))),
            As(Get($"/v2/images?owner={project}&protected=false")));
    }

    [Fact]
    public Task ListWithLimitAndMarker_MatchGlance()
    {
        var project = "list-" + Run;
        Step As(Step step) => step with { Project = project };
        return AssertSameAsync(
            As(Post("/v2/images", """{"name":"first","visibility":"private"}""")),
            As(Post("/v2/images", """{"name":"second","disk_format":"raw","container_format":"bare"}""")),
            As(Post("/v2/images", """{"name":"third","tags":["t"],"k":"v"}""")),
            As(Post("/v2/images", """{"name":"hidden","os_hidden":true}""")),
            As(Get($"/v2/images?owner={project}")),
            As(Get($"/v2/images?owner={project}&limit=2")) with { Capture = null },
            As(Get($"/v2/images?owner={project}&limit=1&name=second")),
            As(Get($"/v2/images?owner={project}&name=in:first,third")),
            As(Get($"/v2/images?owner={project}&tag=t")),
            As(Get($"/v2/images?owner={project}&k=v")),
            As(Get($"/v2/images?owner={project}&os_hidden=true")),
            As(Get($"/v2/images?owner={project}&visibility=private")),
            As(Get($"/v2/images?owner={project}&sort=name:asc")),
            As(Get($"/v2/images?owner={project}&sort_key=name&sort_dir=desc&limit=2")),
            As(Get($"/v2/images?owner={project}&disk_format=raw")),
            As(Get($"/v2/images?owner={project}&limit=0")),
            As(Get("/v2/images?limit=-1")),
            As(Get("/v2/images?limit=abc")),
            // Python's int(): surrounding spaces, a plus sign and underscores between digits are a number.
            As(Get($"/v2/images?owner={project}&limit=%201%20")),
            As(Get($"/v2/images?owner={project}&limit=+1")),
            As(Get($"/v2/images?owner={project}&limit=0_1")),
            As(Get("/v2/images?limit=1.0")),
            As(Get("/v2/images?limit=")),
            As(Get("/v2/images?marker=00000000-0000-4000-8000-000000000000")),
            As(Get("/v2/images?marker=bad")),
            As(Get("/v2/images?sort_key=bogus")),
            As(Get("/v2/images?sort_dir=bogus")),
            As(Get("/v2/images?sort=name:bad")),
            As(Get("/v2/images?sort=name:asc&sort_key=name")),
            As(Get("/v2/images?visibility=bogus")),
            As(Get("/v2/images?os_hidden=maybe")),
            As(Get("/v2/images?protected=maybe")),
            As(Get("/v2/images?changes-since=x")),
            As(Get("/v2/images?member_status=bogus")),
            As(Get("/v2/images?size_min=abc")),
            As(Get("/v2/images?created_at=gt:notadate")),
            As(Get("/v2/images?name=neq:x")));
    }

    [Fact]
    public async Task ListPages_FollowingNext_MatchGlance()
    {
        var project = "pages-" + Run;
        var steps = new List<Step>();
        for (var i = 0; i < 5; i++)
        {
            steps.Add(Post("/v2/images", $$"""{"name":"page{{i}}"}""") with { Project = project, Capture = $"p{i}" });
        }
        // Markers by name: each side follows its own ids.
        steps.Add(Get($"/v2/images?owner={project}&limit=2") with { Project = project });
        steps.Add(Get($"/v2/images?owner={project}&limit=2&marker={{p3}}") with { Project = project });
        steps.Add(Get($"/v2/images?owner={project}&limit=2&marker={{p1}}") with { Project = project });
        steps.Add(Get($"/v2/images?owner={project}&sort=name:asc&limit=2&marker={{p1}}") with { Project = project });
        await AssertSameAsync([.. steps]);
    }

    [Fact]
    public Task ListFiltersAndSorts_OnASeededCatalogue_MatchGlance()
    {
        var owner = "cat-" + Run;
        var member = "catm-" + Run;
        Step A(Step step) => step with { Project = owner };
        Step M(Step step) => step with { Project = member };
        Step Status(string image, string status) => M(new Step("PUT", $"/v2/images/{{{image}}}/members/{member}", $$"""{"status":"{{status}}"}"""));
        return AssertSameAsync(
            A(Post("/v2/images", """{"name":"alpha","disk_format":"raw","container_format":"bare","min_disk":1,"protected":true,"tags":["x","y"],"k":"v","visibility":"private"}""")),
            A(Post("/v2/images", """{"name":"beta","disk_format":"qcow2","container_format":"bare","min_ram":128,"tags":["x"],"visibility":"shared"}""") with { Capture = "beta" }),
            A(Post("/v2/images", """{"name":"gamma","disk_format":"raw","container_format":"ovf","visibility":"community"}""")),
            A(Post("/v2/images", """{"name":"delta","visibility":"shared"}""") with { Capture = "delta" }),
            A(Post("/v2/images", """{"name":"epsilon","disk_format":"iso","container_format":"bare","os_hidden":true,"visibility":"private"}""")),
            A(Post("/v2/images", """{"name":"zeta","disk_format":"qcow2","container_format":"bare","min_disk":5,"visibility":"shared","k":"w"}""") with { Capture = "zeta" }),
            A(Post("/v2/images/{beta}/members", $$"""{"member":"{{member}}"}""")),
            A(Post("/v2/images/{delta}/members", $$"""{"member":"{{member}}"}""")),
            A(Post("/v2/images/{zeta}/members", $$"""{"member":"{{member}}"}""")),
            Status("beta", "accepted"),
            Status("zeta", "rejected"),
            A(Get($"/v2/images?owner={owner}&sort=name:asc")),
            A(Get($"/v2/images?owner={owner}&disk_format=in:raw,qcow2&sort=name:desc")),
            A(Get($"/v2/images?owner={owner}&container_format=bare&sort_key=min_disk&sort_dir=asc")),
            A(Get($"/v2/images?owner={owner}&sort=min_disk:desc,name:asc")),
            A(Get($"/v2/images?owner={owner}&tag=y")),
            A(Get($"/v2/images?owner={owner}&tag=x&sort=name:asc")),
            A(Get($"/v2/images?owner={owner}&protected=true")),
            A(Get($"/v2/images?owner={owner}&protected=false&sort=name:asc")),
            A(Get($"/v2/images?owner={owner}&visibility=shared&sort=name:asc")),
            A(Get($"/v2/images?owner={owner}&visibility=community")),
            A(Get($"/v2/images?owner={owner}&visibility=all&sort=name:asc")),
            A(Get($"/v2/images?owner={owner}&os_hidden=true")),
            A(Get($"/v2/images?owner={owner}&min_disk=5")),
            A(Get($"/v2/images?owner={owner}&k=v")),
            A(Get($"/v2/images?owner={owner}&status=queued&limit=2")),
            A(Get($"/v2/images?owner={owner}&status=in:queued,active&sort=name:asc&limit=3")),
            A(Get($"/v2/images?owner={owner}&name=in:alpha,zeta&sort=name:asc")),
            A(Get($"/v2/images?owner={owner}&created_at=lte:2100-01-01T00:00:00Z&sort=name:asc")),
            A(Get($"/v2/images?owner={owner}&updated_at=gt:2100-01-01T00:00:00Z")),
            A(Get($"/v2/images?owner={owner}&size_max=0")),
            M(Get("/v2/images?visibility=shared")),
            M(Get("/v2/images?visibility=shared&member_status=pending")),
            M(Get("/v2/images?visibility=shared&member_status=rejected")),
            M(Get("/v2/images?visibility=shared&member_status=all&sort=name:asc")),
            M(Get($"/v2/images?visibility=community&owner={owner}")),
            M(Get("/v2/images?visibility=private")),
            M(Get($"/v2/images?owner={owner}&visibility=all&member_status=all&sort=name:asc")));
    }

    [Fact]
    public Task Delete_AndProtection_MatchGlance() => AssertSameAsync(
        Post("/v2/images", """{"name":"protected","protected":true}""") with { Capture = "prot" },
        Delete("/v2/images/{prot}"),
        Patch("/v2/images/{prot}", """[{"op":"replace","path":"/protected","value":false}]"""),
        Post("/v2/images", """{"name":"doomed"}""") with { Capture = "img" },
        Delete("/v2/images/{img}") with { Project = "p2" },
        Delete("/v2/images/{img}"),
        Get("/v2/images/{img}"),
        Get("/v2/images/{img}") with { Project = "admins", Roles = "admin,member,reader" },
        Delete("/v2/images/{img}"),
        Delete("/v2/images/{prot}"),
        Get("/v2/images/00000000-0000-4000-8000-000000000000"),
        Get("/v2/images/not-a-uuid"));

    [Fact]
    public Task Visibility_AcrossProjects_MatchGlance() => AssertSameAsync(
        Post("/v2/images", """{"name":"p1-shared"}""") with { Capture = "shared" },
        Post("/v2/images", """{"name":"p1-private","visibility":"private"}""") with { Capture = "private" },
        Post("/v2/images", """{"name":"p1-community","visibility":"community"}""") with { Capture = "community" },
        Post("/v2/images", """{"name":"admin-public","visibility":"public"}""") with { Project = "admins", Roles = "admin,member,reader", Capture = "public" },
        Get("/v2/images/{shared}") with { Project = "p2" },
        Get("/v2/images/{private}") with { Project = "p2" },
        Get("/v2/images/{community}") with { Project = "p2" },
        Get("/v2/images/{public}") with { Project = "p2" },
        Get("/v2/images/{private}") with { Project = "admins", Roles = "admin,member,reader" },
        Patch("/v2/images/{public}", """[{"op":"replace","path":"/name","value":"x"}]""") with { Project = "p2" },
        Delete("/v2/images/{community}") with { Project = "p2" });

    [Fact]
    public Task WrongVerbsUnknownPathsSchemasAndAuth_MatchGlance() => AssertSameAsync(
        Post("/v2/images", "{}") with { Capture = "img" },
        new Step("PUT", "/v2/images"),
        new Step("POST", "/v2/images/{img}", "{}"),
        new Step("PUT", "/v2/images/{img}", "{}"),
        Delete("/v2/schemas/image"),
        Get("/v2/nonexistent"),
        Get("/v2/schemas/image"),
        Get("/v2/schemas/images"),
        Get("/v2/schemas/member"),
        Get("/v2/schemas/members"),
        Get("/v2/schemas/bogus"),
        Get("/v2/images") with { Identified = false },
        Get("/v2/images/{img}") with { Identified = false });

    [Fact]
    public Task ImageData_StatusCodesAndHeaders_MatchGlance() => AssertSameAsync(
        Post("/v2/images", """{"name":"data","disk_format":"raw","container_format":"bare"}""") with { Capture = "img" },
        Get("/v2/images/{img}/file"),
        new Step("PUT", "/v2/images/{img}/file", "0123456789abcdefghij") { ContentType = "application/json" },
        new Step("PUT", "/v2/images/{img}/file", "0123456789abcdefghij") { ContentType = "application/octet-stream" },
        Get("/v2/images/{img}"),
        Get("/v2/images/{img}/file"),
        Get("/v2/images/{img}/file") with { Range = "bytes=5-9" },
        Get("/v2/images/{img}/file") with { Range = "bytes=-4" },
        Get("/v2/images/{img}/file") with { Range = "bytes=100-" },
        Get("/v2/images/{img}/file") with { Range = "bytes=0-1,4-5" },
        new Step("PUT", "/v2/images/{img}/file", "again") { ContentType = "application/octet-stream" },
        Get("/v2/images/{img}/file") with { Project = "p2" },
        new Step("PUT", "/v2/images/{img}/stage", "x") { ContentType = "application/octet-stream" },
        Post("/v2/images", """{"name":"no-formats"}""") with { Capture = "bare" },
        new Step("PUT", "/v2/images/{bare}/file", "data") { ContentType = "application/octet-stream" },
        Get("/v2/images/{bare}"),
        Post("/v2/images", """{"name":"staged","disk_format":"raw","container_format":"bare"}""") with { Capture = "staged" },
        Post("/v2/images/{staged}/import", """{"method":{"name":"glance-direct"}}"""),
        new Step("PUT", "/v2/images/{staged}/stage", "staged bytes") { ContentType = "application/octet-stream" },
        Get("/v2/images/{staged}"),
        new Step("PUT", "/v2/images/{staged}/stage", "again") { ContentType = "application/octet-stream" },
        Post("/v2/images/{staged}/import", """{"method":{}}"""),
        Post("/v2/images/{staged}/import", """{"method":{"name":"no-such-method"}}"""),
        Delete("/v2/images/{img}"),
        Get("/v2/images/{img}/file"));

    [Fact]
    public Task Sharing_MembersTagsAndActions_MatchGlance()
    {
        var owner = "own-" + Run;
        var member = "mem-" + Run;
        var pending = "pend-" + Run;
        var stranger = "str-" + Run;
        Step As(Step step, string project) => step with { Project = project };
        return AssertSameAsync(
            As(Post("/v2/images", """{"name":"to-share","disk_format":"raw","container_format":"bare","tags":["a"]}"""), owner) with { Capture = "img" },
            As(Post("/v2/images", """{"name":"private","visibility":"private"}"""), owner) with { Capture = "priv" },
            As(Post("/v2/images/{priv}/members", $$"""{"member":"{{member}}"}"""), owner),
            As(Post("/v2/images/{img}/members", $$"""{"member":"{{member}}"}"""), owner),
            As(Post("/v2/images/{img}/members", $$"""{"member":"{{member}}"}"""), owner),
            As(Post("/v2/images/{img}/members", $$"""{"member":"{{pending}}"}"""), owner),
            As(Post("/v2/images/{img}/members", """{}"""), owner),
            As(Post("/v2/images/{img}/members", $$"""{"member":"{{stranger}}"}"""), member),
            As(Get("/v2/images/{img}/members"), owner),
            As(Get("/v2/images/{img}/members"), member),
            As(Get("/v2/images/{img}/members"), stranger),
            As(Get($"/v2/images/{{img}}/members/{member}"), member),
            As(Get($"/v2/images/{{img}}/members/{member}"), pending),
            As(Get($"/v2/images/{{img}}/members/{member}"), stranger),
            As(Get("/v2/images/{img}"), member),
            As(Get("/v2/images/{img}"), pending),
            As(Get("/v2/images/{img}"), stranger),
            As(Get($"/v2/images?owner={owner}"), member),
            As(new Step("PUT", $"/v2/images/{{img}}/members/{member}", """{"status":"accepted"}"""), owner),
            As(new Step("PUT", $"/v2/images/{{img}}/members/{member}", """{"status":"bogus"}"""), member),
            As(new Step("PUT", $"/v2/images/{{img}}/members/{member}", """{"status":"accepted"}"""), member),
            As(Get($"/v2/images?owner={owner}"), member),
            As(Get($"/v2/images?owner={owner}&member_status=pending"), pending),
            As(Get($"/v2/images?owner={owner}&member_status=all&visibility=shared"), pending),
            As(Patch("/v2/images/{img}", """[{"op":"replace","path":"/name","value":"x"}]"""), member),
            As(Delete("/v2/images/{img}"), member),
            As(Delete($"/v2/images/{{img}}/members/{pending}"), member),
            As(Delete($"/v2/images/{{img}}/members/{pending}"), owner),
            As(Delete($"/v2/images/{{img}}/members/{pending}"), owner),
            As(new Step("PUT", "/v2/images/{img}/tags/b"), owner),
            As(new Step("PUT", "/v2/images/{img}/tags/b"), owner),
            As(new Step("PUT", "/v2/images/{img}/tags/c"), member),
            As(Delete("/v2/images/{img}/tags/a"), owner),
            As(Delete("/v2/images/{img}/tags/a"), owner),
            As(new Step("PUT", $"/v2/images/{{img}}/tags/{new string('t', 256)}"), owner),
            As(Get("/v2/images/{img}"), owner),
            As(new Step("POST", "/v2/images/{img}/actions/deactivate"), owner),
            As(new Step("PUT", "/v2/images/{img}/file", "0123456789") { ContentType = "application/octet-stream" }, owner),
            As(new Step("POST", "/v2/images/{img}/actions/deactivate"), member),
            As(new Step("POST", "/v2/images/{img}/actions/deactivate"), owner),
            As(new Step("POST", "/v2/images/{img}/actions/deactivate"), owner),
            As(Get("/v2/images/{img}/file"), member),
            As(Get("/v2/images/{img}/file"), owner),
            As(new Step("POST", "/v2/images/{img}/actions/reactivate"), owner),
            As(new Step("POST", "/v2/images/{img}/actions/reactivate"), owner),
            As(Get("/v2/images/{img}/file"), member),
            As(new Step("POST", "/v2/images/{img}/actions/bogus"), owner));
    }

    [Fact]
    public async Task VersionDocuments_HaveTheSameShape()
    {
        foreach (var (path, status) in new[] { ("/", 300), ("/versions", 200), ("/v3/images", 300) })
        {
            foreach (var baseUrl in new[] { reference.BaseUrl, ours.Trusted.BaseUrl })
            {
                using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
                var response = await http.GetAsync(path);
                Assert.Equal(status, (int)response.StatusCode);
                var versions = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["versions"]!.AsArray();
                Assert.Single(versions, v => v!["status"]!.GetValue<string>() == "CURRENT");
                Assert.All(versions, v =>
                {
                    Assert.Matches(@"^v2\.\d+$", v!["id"]!.GetValue<string>());
                    Assert.Contains(v["status"]!.GetValue<string>(), new[] { "CURRENT", "SUPPORTED" });
                    Assert.Equal($"{baseUrl}/v2/", v["links"]![0]!["href"]!.GetValue<string>());
                    Assert.Equal("self", v["links"]![0]!["rel"]!.GetValue<string>());
                });
                Assert.Contains(versions, v => v!["id"]!.GetValue<string>() == "v2.0");
            }
        }
    }
}
