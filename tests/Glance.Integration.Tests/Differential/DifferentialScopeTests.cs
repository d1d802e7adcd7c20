using Glance.Integration.Tests.Infrastructure;
using static Glance.Integration.Tests.Differential.Step;

namespace Glance.Integration.Tests.Differential;

/// <summary>
/// Callers without a project against a reference Glance with enforce_scope on. A domain-scoped token (X-Domain-Id,
/// no project) is refused add_image there; we do not read the domain, and refuse the create because there is no
/// project, so the answers are the same. Deliberately different: Glance with enforce_scope refuses such a token
/// every image rule (listing, showing) and refuses a domain- or system-scoped admin too; we refuse only what would
/// make an image without owner, and let an admin without a project create, as Glance's noauth mode does.
/// </summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class DifferentialScopeTests(GlanceService ours, ScopeEnforcingReferenceGlance reference) : IClassFixture<ScopeEnforcingReferenceGlance>
{
    [Fact]
    public async Task Create_DomainScopedCallerWithoutProject_MatchGlance()
    {
        Step[] steps =
        [
            Post("/v2/images", """{"name":"domain-scoped"}""") with { Project = null, Domain = "default" },
            Post("/v2/images", """{"owner":"p1"}""") with { Project = null, Domain = "default" },
            Post("/v2/images", "{}") with { Project = null, Domain = "default", Roles = "reader" },
            Post("/v2/images", """{"name":"project-scoped"}"""),
        ];
        await SessionComparison.AssertSameAsync(reference.BaseUrl, ours.Trusted.BaseUrl, steps);
    }
}
