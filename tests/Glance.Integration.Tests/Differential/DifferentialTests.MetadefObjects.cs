using static Glance.Integration.Tests.Differential.Step;

namespace Glance.Integration.Tests.Differential;

/// <summary>
/// A namespace's objects against the reference Glance: create, list, show, replace (rename included), delete one and
/// all. Left out, deliberately: a body that is not an object (Zed 500, ours 400).
/// </summary>
public sealed partial class DifferentialTests
{
    [Fact]
    public Task MetadefObjects_EveryRouteAndError_MatchGlance()
    {
        var ns = "md-objects-" + Run;
        var project = "mdo-" + Run;
        var objects = $"/v2/metadefs/namespaces/{ns}/objects";
        return AssertSameAsync(
            AsAdmin(Post("/v2/metadefs/namespaces", $$$$"""{"namespace":"{{{{ns}}}}","objects":[{"name":"seed","properties":{"a":{"title":"A","type":"string"}}}]}"""), project),
            AsAdmin(Get(objects), project),
            AsAdmin(Post(objects, """{"name":"cpu","description":"CPU","required":["cores"],"properties":{"cores":{"title":"Cores","type":"integer","minimum":1,"maximum":64},"model":{"title":"Model","type":"string","enum":["x86","arm"]}}}"""), project),
            AsAdmin(Post(objects, """{"name":"bare"}"""), project),
            AsAdmin(Post(objects, """{"name":"cpu"}"""), project),
            AsAdmin(Post(objects, """{"name":"ro","self":"x"}"""), project),
            AsAdmin(Post(objects, """{"name":"ro","created_at":"x"}"""), project),
            AsAdmin(Post(objects, """{"description":"no name"}"""), project),
            AsAdmin(Post(objects, """{"name":5}"""), project),
            AsAdmin(Post(objects, $$"""{"name":"{{new string('o', 81)}}"}"""), project),
            AsAdmin(Post(objects, """{"name":"x","bogus":1}"""), project),
            AsAdmin(Post(objects, """{"name":"x","required":["a","a"]}"""), project),
            AsAdmin(Post(objects, """{"name":"x","properties":{"p":{"type":"string"}}}"""), project),
            AsAdmin(Post(objects, """{"name":"x","properties":{"p":{"title":"P","type":"float"}}}"""), project),
            AsAdmin(Get(objects), project),
            AsAdmin(Get(objects + "?limit=1&sort_key=name&sort_dir=asc"), project),
            AsAdmin(Get(objects + "?sort_key=bogus"), project),
            AsAdmin(Get(objects + "?limit=0"), project),
            AsAdmin(Get(objects + "?limit=x"), project),
            AsAdmin(Get(objects + "?sort_dir=up"), project),
            AsAdmin(Get(objects + "/cpu"), project),
            AsAdmin(Get(objects + "/bare"), project),
            AsAdmin(Get(objects + "/none"), project),
            AsAdmin(new Step("PUT", objects + "/cpu", """{"name":"cpu","description":"changed"}"""), project),
            AsAdmin(Get(objects + "/cpu"), project),
            AsAdmin(new Step("PUT", objects + "/cpu", """{"name":"cpu2","required":[],"properties":{"z":{"title":"Z","type":"boolean"}}}"""), project),
            AsAdmin(Get(objects + "/cpu"), project),
            AsAdmin(Get(objects + "/cpu2"), project),
            AsAdmin(new Step("PUT", objects + "/cpu2", """{"name":"seed"}"""), project),
            AsAdmin(new Step("PUT", objects + "/none", """{"name":"none"}"""), project),
            AsAdmin(new Step("PUT", objects + "/cpu2", """{"name":"cpu2","schema":"x"}"""), project),
            AsAdmin(new Step("PUT", objects + "/cpu2", """{"description":"x"}"""), project),
            AsAdmin(Get(objects), project),
            AsAdmin(Get($"/v2/metadefs/namespaces/{ns}"), project),
            Post(objects, """{"name":"m"}""") with { Project = project },
            new Step("PUT", objects + "/cpu2", """{"name":"m"}""") with { Project = project },
            Delete(objects + "/cpu2") with { Project = project },
            Delete(objects) with { Project = project },
            Get(objects) with { Project = project, Roles = "reader" },
            Get(objects + "/cpu2") with { Project = project, Roles = "reader" },
            Get(objects) with { Project = "other-" + Run, Roles = "reader" },
            Get(objects + "/cpu2") with { Project = "other-" + Run, Roles = "reader" },
            Delete(objects + "/cpu2") with { Project = "other-" + Run },
            AsAdmin(new Step("PUT", $"/v2/metadefs/namespaces/{ns}", $$"""{"namespace":"{{ns}}","protected":true}"""), project),
            AsAdmin(Delete(objects + "/cpu2"), project),
            AsAdmin(Delete(objects), project),
            AsAdmin(new Step("PUT", $"/v2/metadefs/namespaces/{ns}", $$"""{"namespace":"{{ns}}","protected":false}"""), project),
            AsAdmin(Delete(objects + "/cpu2"), project),
            AsAdmin(Delete(objects + "/cpu2"), project),
            AsAdmin(Get(objects), project),
            AsAdmin(Delete(objects), project),
            AsAdmin(Get(objects), project),
            AsAdmin(new Step("PATCH", objects, "{}"), project),
            AsAdmin(new Step("POST", objects + "/bare", "{}"), project),
            AsAdmin(Get("/v2/metadefs/namespaces/none-" + Run + "/objects"), project),
            AsAdmin(Post("/v2/metadefs/namespaces/none-" + Run + "/objects", """{"name":"x"}"""), project),
            AsAdmin(Delete($"/v2/metadefs/namespaces/{ns}"), project));
    }
}
