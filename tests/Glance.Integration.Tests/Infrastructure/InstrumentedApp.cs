using Azure.Core;
using Azure.Core.Pipeline;
using Glance.Functions;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// The app's services over the shared Azurite as a second instance beside the local host, with a pipeline policy of the
/// test's on every storage client (one per logical call: it sits before the retries), to count or hold what they send.
/// </summary>
internal static class InstrumentedApp
{
    public static ServiceProvider Build(GlanceService service, HttpPipelinePolicy policy)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GlanceStorage"] = service.Azurite.ConnectionString,
            ["AzureWebJobsStorage"] = service.Azurite.ConnectionString,
            ["Glance:Auth:Mode"] = "trusted",
            ["Glance:Events:Enabled"] = "false",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddGlanceApp(configuration);
        services.AddAzureClients(clients => clients.ConfigureDefaults(o => o.AddPolicy(policy, HttpPipelinePosition.PerCall)));
        return services.BuildServiceProvider();
    }
}
