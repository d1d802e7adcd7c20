using Glance.Functions.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Glance.Functions.Tests.Startup;

/// <summary>
/// Spans and metrics are recorded only when something exports them: listening without an exporter costs every storage
/// call time (docs/benchmarks-api.md) and shows nobody anything.
/// </summary>
public sealed class TelemetryRegistrationTests
{
    private static IHost Host(string? connectionString)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new(GlanceTelemetry.ConnectionStringSetting, connectionString)]);
        builder.Services.AddGlanceTelemetry(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public void WithoutApplicationInsights_NothingListens()
    {
        using var host = Host(null);

        Assert.Null(host.Services.GetService<TracerProvider>());
        Assert.Null(host.Services.GetService<MeterProvider>());
    }

    [Fact]
    public void WithApplicationInsights_TracesAndMetricsAreExported()
    {
        // Nothing listens on port 9: the exporter is built, never reached.
        using var host = Host("InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/");

        Assert.NotNull(host.Services.GetService<TracerProvider>());
        Assert.NotNull(host.Services.GetService<MeterProvider>());
    }
}
