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
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        var builder = services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddSource(GlanceTelemetry.SourceName, GlanceTelemetry.AzureSdkSources)
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(GlanceTelemetry.SourceName)
                .AddHttpClientInstrumentation());
        var connectionString = configuration[GlanceTelemetry.ConnectionStringSetting];
        if (!string.IsNullOrEmpty(connectionString))
        {
            var clientId = configuration[GlanceTelemetry.ClientIdSetting];
            builder.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                if (!string.IsNullOrEmpty(clientId))
                {
                    options.Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
                }
            });
        }
        return builder;
    }
}
