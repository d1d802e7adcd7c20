using static Glance.Integration.Tests.Differential.Step;

namespace Glance.Integration.Tests.Differential;

/// <summary>
/// A namespace's property definitions against the reference Glance: create with the property schema's checks (type,
/// enum, minimum and maximum, pattern, items, required), list, show (by a resource type's prefixed name too),
/// replace (rename included), delete one and all. Left out: values wsme would convert (a fractional minimum, a
/// non-string default or enum), which Zed rewrites and we keep as sent.
/// </summary>
public sealed partial class DifferentialTests
{
    [Fact]
    public Task MetadefProperties_EveryRouteAndError_MatchGlance()
    {
        var ns = "md-props-" + Run;
        var project = "mdpr-" + Run;
        var properties = $"/v2/metadefs/namespaces/{ns}/properties";
        return AssertSameAsync(
            AsAdmin(Post("/v2/metadefs/namespaces", $$$$"""{"namespace":"{{{{ns}}}}","properties":{"seed":{"title":"Seed","type":"string"}},"resource_type_associations":[{"name":"OS::Glance::Image","prefix":"hw_"},{"name":"OS::Nova::Flavor"}]}"""), project),
            AsAdmin(Get(properties), project),
            AsAdmin(Post(properties, """{"name":"cores","title":"Cores","description":"How many","type":"integer","minimum":1,"maximum":64,"default":"2","readonly":false}"""), project),
            AsAdmin(Post(properties, """{"name":"model","title":"Model","type":"string","enum":["x86","arm"],"pattern":"^[a-z0-9]+$","maxLength":10,"minLength":1}"""), project),
            AsAdmin(Post(properties, """{"name":"flags","title":"Flags","type":"array","items":{"type":"string","enum":["a","b"]},"uniqueItems":true,"minItems":1,"maxItems":2,"operators":["<all-in>"]}"""), project),
            AsAdmin(Post(properties, """{"name":"cores","title":"Again","type":"string"}"""), project),
            AsAdmin(Post(properties, """{"title":"No name","type":"string"}"""), project),
            AsAdmin(Post(properties, """{"name":"x","type":"string"}"""), project),
            AsAdmin(Post(properties, """{"name":"x","title":"X"}"""), project),
            AsAdmin(Post(properties, """{"name":"x","title":"X","type":"float"}"""), project),
            AsAdmin(Post(properties, """{"name":"x","title":"X","type":"integer","minimum":"1"}"""), project),
            AsAdmin(Post(properties, """{"name":"x","title":"X","type":"integer","maximum":[]}"""), project),
            AsAdmin(Post(properties, """{"name":"x","title":"X","type":"string","pattern":5}"""), project),
            AsAdmin(Post(properties, """{"name":"x","title":"X","type":"string","enum":"a"}"""), project),
            AsAdmin(Post(properties, """{"name":"x","title":"X","type":"array","items":{"type":"text"}}"""), project),
            AsAdmin(Post(properties, """{"name":"x","title":"X","type":"array","items":"string"}"""), project),
            AsAdmin(Post(properties, """{"name":"x","title":"X","type":"string","maxLength":-1}"""), project),
            AsAdmin(Post(properties, """{"name":"x","title":"X","type":"object","required":[]}"""), project),
            AsAdmin(Post(properties, """{"name":"x","title":"X","type":"object","required":["a","a"]}"""), project),
            AsAdmin(Post(properties, """{"name":"x","title":"X","type":"string","bogus":1}"""), project),
            AsAdmin(Post(properties, """{"name":"x","title":"X","type":"string","created_at":"x"}"""), project),
            AsAdmin(Post(properties, $$"""{"name":"{{new string('p', 81)}}","title":"X","type":"string"}"""), project),
            AsAdmin(Get(properties), project),
            AsAdmin(Get(properties + "/cores"), project),
            AsAdmin(Get(properties + "/seed"), project),
            AsAdmin(Get(properties + "/none"), project),
            AsAdmin(Get(properties + "/hw_cores?resource_type=OS::Glance::Image"), project),
            AsAdmin(Get(properties + "/cores?resource_type=OS::Glance::Image"), project),
            AsAdmin(Get(properties + "/cores?resource_type=OS::Nova::Flavor"), project),
            AsAdmin(Get(properties + "/hw_none?resource_type=OS::Glance::Image"), project),
            AsAdmin(Get(properties + "/cores?resource_type="), project),
            AsAdmin(new Step("PUT", properties + "/cores", """{"name":"cores","title":"Cores","type":"integer","minimum":2}"""), project),
            AsAdmin(Get(properties + "/cores"), project),
            AsAdmin(new Step("PUT", properties + "/cores", """{"name":"vcpus","title":"vCPUs","type":"integer"}"""), project),
            AsAdmin(Get(properties + "/cores"), project),
            AsAdmin(new Step("PUT", properties + "/vcpus", """{"name":"model","title":"M","type":"string"}"""), project),
            AsAdmin(new Step("PUT", properties + "/none", """{"name":"none","title":"N","type":"string"}"""), project),
            AsAdmin(new Step("PUT", properties + "/vcpus", """{"name":"vcpus","title":"V","type":"integer","updated_at":"x"}"""), project),
            AsAdmin(new Step("PUT", properties + "/vcpus", """{"title":"V","type":"integer"}"""), project),
            AsAdmin(Get(properties), project),
            AsAdmin(Get($"/v2/metadefs/namespaces/{ns}"), project),
            AsAdmin(Get($"/v2/metadefs/namespaces/{ns}?resource_type=OS::Glance::Image"), project),
            Post(properties, """{"name":"m","title":"M","type":"string"}""") with { Project = project },
            new Step("PUT", properties + "/vcpus", """{"name":"vcpus","title":"V","type":"integer"}""") with { Project = project },
            Delete(properties + "/vcpus") with { Project = project },
            Delete(properties) with { Project = project },
            Get(properties) with { Project = project, Roles = "reader" },
            Get(properties + "/vcpus") with { Project = project, Roles = "reader" },
            Get(properties) with { Project = "other-" + Run, Roles = "reader" },
            Get(properties + "/vcpus") with { Project = "other-" + Run, Roles = "reader" },
            AsAdmin(new Step("PUT", $"/v2/metadefs/namespaces/{ns}", $$"""{"namespace":"{{ns}}","protected":true}"""), project),
            AsAdmin(Delete(properties + "/vcpus"), project),
            AsAdmin(Delete(properties), project),
            AsAdmin(new Step("PUT", $"/v2/metadefs/namespaces/{ns}", $$"""{"namespace":"{{ns}}","protected":false}"""), project),
            AsAdmin(Delete(properties + "/vcpus"), project),
            AsAdmin(Delete(properties + "/vcpus"), project),
            AsAdmin(Get(properties), project),
            AsAdmin(Delete(properties), project),
            AsAdmin(Get(properties), project),
            AsAdmin(new Step("PATCH", properties, "{}"), project),
            AsAdmin(Get(properties + "?x=1") with { Body = "{}" }, project),
            AsAdmin(Get("/v2/metadefs/namespaces/none-" + Run + "/properties"), project),
            AsAdmin(Post("/v2/metadefs/namespaces/none-" + Run + "/properties", """{"name":"x","title":"X","type":"string"}"""), project),
            AsAdmin(Delete($"/v2/metadefs/namespaces/{ns}"), project));
    }
}
