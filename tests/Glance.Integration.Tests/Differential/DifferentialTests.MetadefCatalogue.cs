using Glance.Domain.Metadefs;
using Glance.Functions.Metadefs;
using Glance.Integration.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Glance.Integration.Tests.Differential.Step;

namespace Glance.Integration.Tests.Differential;

/// <summary>
/// Glance's standard catalogue (Debian's glance-common files) loaded on both sides, by glance-manage db_load_metadefs
/// there and by our loader here, then read as clients read it: every namespace shown, and their objects, properties,
/// tags and associations listed.
/// </summary>
public sealed partial class DifferentialTests
{
    [Fact]
    public async Task MetadefStandardCatalogue_LoadedOnBothSides_ReadsAsInGlance()
    {
        var folder = await StandardMetadefs.FolderAsync();
        await reference.LoadMetadefsAsync(folder);
        var (catalogue, refused) = MetadefCatalogueFiles.Read(folder);
        Assert.Empty(refused);
        await ours.Trusted.App.Services.GetRequiredService<MetadefCatalogueLoader>().LoadAsync(catalogue, CatalogueLoadMode.Skip);

        var steps = new List<Step>();
        foreach (var ns in catalogue.Select(n => n.Name))
        {
            var path = "/v2/metadefs/namespaces/" + ns;
            steps.Add(Get(path) with { Roles = "reader" });
            steps.AddRange(new[] { "/objects", "/properties", "/tags", "/resource_types" }.Select(kind => Get(path + kind) with { Roles = "reader" }));
        }
        steps.Add(Get("/v2/metadefs/namespaces/OS::Compute::Watchdog?resource_type=OS::Nova::Flavor") with { Roles = "reader" });
        steps.Add(Get("/v2/metadefs/namespaces/OS::Compute::Watchdog/properties/hw:watchdog_action?resource_type=OS::Nova::Flavor") with { Roles = "reader" });
        steps.Add(Get("/v2/metadefs/namespaces?visibility=public&resource_types=OS::Glance::Image&sort_key=namespace&sort_dir=asc&limit=5") with { Roles = "reader" });
        await AssertSameAsync([.. steps]);
    }
}
