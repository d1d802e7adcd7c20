using static Glance.Integration.Tests.Differential.Step;

namespace Glance.Integration.Tests.Differential;

/// <summary>
/// A namespace's tags against the reference Glance: single and bulk creates (with and without X-Openstack-Append),
/// show, list paging and sorting, rename, delete one and all, protection, and the rules. Left out, deliberately: tag
/// names differing only in case (one tag here, as on Glance's MySQL; two on Zed's sqlite), a bulk body without
/// <c>tags</c> (Zed 500, ours 400), a sort key that is not a column (Zed 500, ours 400).
/// </summary>
public sealed partial class DifferentialTests
{
    [Fact]
    public Task MetadefTags_EveryRouteAndError_MatchGlance()
    {
        var ns = "md-tags-" + Run;
        var project = "mdt-" + Run;
        var tags = $"/v2/metadefs/namespaces/{ns}/tags";
        var append = new[] { ("X-Openstack-Append", "True") };
        return AssertSameAsync(
            AsAdmin(Post("/v2/metadefs/namespaces", $$"""{"namespace":"{{ns}}","tags":[{"name":"t1"},{"name":"t2"}]}"""), project),
            AsAdmin(Get(tags), project),
            AsAdmin(Post(tags + "/t3", ""), project) with { Body = null },
            AsAdmin(Post(tags + "/t3", ""), project) with { Body = null },
            AsAdmin(Post(tags + "/" + new string('x', 81), ""), project) with { Body = null },
            AsAdmin(Get(tags + "/t3"), project),
            AsAdmin(Get(tags + "/none"), project),
            AsAdmin(Get(tags), project),
            AsAdmin(Get(tags + "?limit=2"), project),
            AsAdmin(Get(tags + "?limit=0"), project),
            AsAdmin(Get(tags + "?sort_key=name&sort_dir=asc"), project),
            AsAdmin(Get(tags + "?sort_key=name&sort_dir=asc&marker=t1&limit=1"), project),
            AsAdmin(Get(tags + "?marker=t2"), project),
            AsAdmin(Get(tags + "?marker=none"), project),
            AsAdmin(Get(tags + "?sort_dir=up"), project),
            AsAdmin(Get(tags + "?limit=x"), project),
            AsAdmin(Get(tags + "?limit=-1"), project),
            AsAdmin(Get(tags + "?visibility=all"), project),
            AsAdmin(new Step("PUT", tags + "/t3", """{"name":"t4"}"""), project),
            AsAdmin(Get(tags + "/t3"), project),
            AsAdmin(new Step("PUT", tags + "/t4", """{"name":"t1"}"""), project),
            AsAdmin(new Step("PUT", tags + "/none", """{"name":"z"}"""), project),
            AsAdmin(new Step("PUT", tags + "/t4", """{"name":"t5","created_at":"x"}"""), project),
            AsAdmin(new Step("PUT", tags + "/t4", "{}"), project),
            AsAdmin(new Step("PUT", tags + "/t4", """{"name":"t5","bogus":1}"""), project),
            AsAdmin(new Step("PUT", tags + "/t4", $$"""{"name":"{{new string('y', 81)}}"}"""), project),
            AsAdmin(Get(tags), project),
            AsAdmin(Post(tags, """{"tags":[{"name":"b1"},{"name":"b2"}]}"""), project),
            AsAdmin(Get(tags), project),
            AsAdmin(Post(tags, """{"tags":[{"name":"b3"}]}"""), project) with { Headers = append },
            AsAdmin(Get(tags), project),
            AsAdmin(Post(tags, """{"tags":[{"name":"b1"}]}"""), project) with { Headers = append },
            AsAdmin(Post(tags, """{"tags":[{"name":"x"},{"name":"x"}]}"""), project),
            AsAdmin(Post(tags, """{"tags":[]}"""), project),
            AsAdmin(Post(tags, """{"tags":[{"name":"b4"}],"created_at":"x"}"""), project),
            AsAdmin(Post(tags, """{"tags":[{"name":5}]}"""), project),
            AsAdmin(Post(tags, """{"tags":"b5"}"""), project),
            AsAdmin(Post(tags, """{"tags":[{"name":"b5"}],"other":1}"""), project),
            AsAdmin(Get(tags), project),
            Post(tags + "/m1", "") with { Body = null, Project = project },
            Post(tags, """{"tags":[{"name":"m2"}]}""") with { Project = project },
            new Step("PUT", tags + "/b1", """{"name":"m3"}""") with { Project = project },
            Delete(tags + "/b1") with { Project = project },
            Delete(tags) with { Project = project },
            Get(tags) with { Project = project, Roles = "reader" },
            Get(tags + "/b1") with { Project = project, Roles = "reader" },
            Get(tags) with { Project = "other-" + Run, Roles = "reader" },
            Get(tags + "/b1") with { Project = "other-" + Run, Roles = "reader" },
            Delete(tags + "/b1") with { Project = "other-" + Run },
            AsAdmin(Delete(tags + "/b1"), project),
            AsAdmin(Delete(tags + "/b1"), project),
            AsAdmin(new Step("PUT", $"/v2/metadefs/namespaces/{ns}", $$"""{"namespace":"{{ns}}","protected":true}"""), project),
            AsAdmin(Delete(tags + "/b2"), project),
            AsAdmin(Delete(tags), project),
            AsAdmin(new Step("PUT", $"/v2/metadefs/namespaces/{ns}", $$"""{"namespace":"{{ns}}","protected":false}"""), project),
            AsAdmin(Delete(tags), project),
            AsAdmin(Get(tags), project),
            AsAdmin(Get($"/v2/metadefs/namespaces/{ns}"), project),
            AsAdmin(new Step("PUT", tags, "{}"), project),
            AsAdmin(new Step("PATCH", tags + "/b2", "{}"), project),
            AsAdmin(Get("/v2/metadefs/namespaces/none-" + Run + "/tags"), project),
            AsAdmin(Post("/v2/metadefs/namespaces/none-" + Run + "/tags/x", "") with { Body = null }, project),
            AsAdmin(Delete($"/v2/metadefs/namespaces/{ns}"), project));
    }
}
