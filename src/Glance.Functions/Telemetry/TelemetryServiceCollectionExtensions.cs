using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Glance.Functions.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// OpenTelemetry for both hosts: traces of requests, storage calls and event publishing, and the service's
    /// metrics (<see cref="GlanceTelemetry.SourceName"/>), exported to Azure Monitor when Application Insights is
    /// configured. The worker adds the Functions defaults (invocation spans, host correlation) on top.
    /// </summary>
    public static IOpenTelemetryBuilder AddGlanceTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddOpenTelemetry();
        var connectionString = configuration[GlanceTelemetry.ConnectionStringSetting];
        if (string.IsNullOrEmpty(connectionString))
        {
            // Nothing would export them: listening to the Azure SDK's and HttpClient's spans and metrics anyway costs
            // every storage call about 0.03 ms (5% of an Azurite upsert; docs/benchmarks-api.md), for no reader.
            return builder;
        }
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        builder
            .WithTracing(tracing => tracing
                .AddSource(GlanceTelemetry.SourceName, GlanceTelemetry.AzureSdkSources)
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(GlanceTelemetry.SourceName)
                .AddHttpClientInstrumentation());
        var clientId = configuration[GlanceTelemetry.ClientIdSetting];
        return builder.UseAzureMonitorExporter(options =>
        {
            options.ConnectionString = connectionString;
            if (!string.IsNullOrEmpty(clientId))
            {
                options.Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
            }
        });
    }
}
