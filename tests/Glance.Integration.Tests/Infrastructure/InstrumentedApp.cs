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
    public static ServiceProvider Build(GlanceService service, HttpPipelinePolicy policy) => Build(service.Azurite, policy);

    /// <param name="settings">Settings of the test's on top of the defaults (e.g. a retention window).</param>
    /// <param name="clock">The clock every service reads, in place of the system's: a test moves it instead of waiting.</param>
    public static ServiceProvider Build(
        AzuriteProcess azurite, HttpPipelinePolicy policy, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["GlanceStorage"] = azurite.ConnectionString,
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Glance:Auth:Mode"] = "trusted",
            ["Glance:Events:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging().AddGlanceApp(configuration);
        services.AddAzureClients(clients => clients.ConfigureDefaults(o => o.AddPolicy(policy, HttpPipelinePosition.PerCall)));
        if (clock is not null)
        {
            // The last registration is the one resolved.
            services.AddSingleton(clock);
        }
        return services.BuildServiceProvider();
    }
}
