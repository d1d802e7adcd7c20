using static Glance.Integration.Tests.Differential.Step;

namespace Glance.Integration.Tests.Differential;

/// <summary>
/// Resource types and associations against the reference Glance: associate (with prefix and properties_target),
/// list a namespace's, dissociate, protection, the rules, and the list of every resource type (the scenarios before
/// this one ran on both sides alike, so both hold the same resource types of this run, in the same order). Left out:
/// a resource type a refused namespace create named, which Zed keeps and we never store.
/// </summary>
public sealed partial class DifferentialTests
{
    [Fact]
    public Task MetadefResourceTypes_EveryRouteAndError_MatchGlance()
    {
        var ns = "md-rt-" + Run;
        var project = "mdrt-" + Run;
        var associations = $"/v2/metadefs/namespaces/{ns}/resource_types";
        return AssertSameAsync(
            AsAdmin(Post("/v2/metadefs/namespaces", $$"""{"namespace":"{{ns}}","resource_type_associations":[{"name":"RT-seed-{{Run}}","prefix":"s_"}]}"""), project),
            AsAdmin(Get(associations), project),
            AsAdmin(Post(associations, $$"""{"name":"RT-new-{{Run}}","prefix":"hw:","properties_target":"image"}"""), project),
            AsAdmin(Post(associations, $$"""{"name":"RT-bare-{{Run}}"}"""), project),
            AsAdmin(Post(associations, $$"""{"name":"RT-new-{{Run}}"}"""), project),
            AsAdmin(Post(associations, """{"prefix":"x"}"""), project),
            AsAdmin(Post(associations, """{"name":5}"""), project),
            AsAdmin(Post(associations, $$"""{"name":"{{new string('r', 81)}}"}"""), project),
            AsAdmin(Post(associations, """{"name":"x","bogus":1}"""), project),
            AsAdmin(Post(associations, """{"name":"x","created_at":"x"}"""), project),
            AsAdmin(Get(associations), project),
            AsAdmin(Get($"/v2/metadefs/namespaces/{ns}"), project),
            AsAdmin(Get($"/v2/metadefs/namespaces?resource_types=RT-new-{Run}&visibility=private"), project),
            Post(associations, """{"name":"m"}""") with { Project = project },
            Delete(associations + $"/RT-new-{Run}") with { Project = project },
            Get(associations) with { Project = project, Roles = "reader" },
            Get(associations) with { Project = "other-" + Run, Roles = "reader" },
            Delete(associations + $"/RT-new-{Run}") with { Project = "other-" + Run },
            AsAdmin(new Step("PUT", $"/v2/metadefs/namespaces/{ns}", $$"""{"namespace":"{{ns}}","protected":true}"""), project),
            AsAdmin(Delete(associations + $"/RT-new-{Run}"), project),
            AsAdmin(new Step("PUT", $"/v2/metadefs/namespaces/{ns}", $$"""{"namespace":"{{ns}}","protected":false}"""), project),
            AsAdmin(Delete(associations + $"/RT-new-{Run}"), project),
            AsAdmin(Delete(associations + $"/RT-new-{Run}"), project),
            AsAdmin(Delete(associations + "/none"), project),
            AsAdmin(Get(associations), project),
            AsAdmin(new Step("PUT", associations, "{}"), project),
            AsAdmin(new Step("GET", associations + $"/RT-bare-{Run}"), project),
            AsAdmin(Get("/v2/metadefs/namespaces/none-" + Run + "/resource_types"), project),
            AsAdmin(Post("/v2/metadefs/namespaces/none-" + Run + "/resource_types", """{"name":"x"}"""), project),
            AsAdmin(Delete($"/v2/metadefs/namespaces/{ns}"), project),
            new Step("POST", "/v2/metadefs/resource_types", "{}"),
            Get("/v2/metadefs/resource_types") with { Project = null, Roles = "member", ResourceTypesNamed = Run },
            Get("/v2/metadefs/resource_types") with { Roles = "reader", ResourceTypesNamed = Run });
    }
}
