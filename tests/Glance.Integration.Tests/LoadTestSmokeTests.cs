using System.Text.Json;
using Glance.Integration.Tests.Infrastructure;
using Glance.LoadWorkload;
using Xunit.Abstractions;

namespace Glance.Integration.Tests;

/// <summary>
/// A few seconds of scripts/load-test.sh's clients and audit against this suite's trusted host and event
/// collector, so the load test cannot rot between the runs someone makes by hand.
/// </summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class LoadTestSmokeTests(GlanceService service, ITestOutputHelper output)
{
    [Fact]
    public async Task LoadTest_TwoClientsForFiveSeconds_AuditPasses()
    {
        var settings = new LoadSettings(Clients: 2, Duration: TimeSpan.FromSeconds(5), MaxImagesPerClient: 6, MaxImageBytes: 16 * 1024, Seed: 20261126)
        {
            SettleTimeout = TimeSpan.FromSeconds(20),
        };
        var progress = new StringWriter();

        var result = await LoadRunner.RunAsync(new Uri(service.Trusted.BaseUrl), new CollectedEvents(service.Events), settings, progress, CancellationToken.None);

        var report = new StringWriter();
        LoadReport.Print(result, report);
        output.WriteLine(progress.ToString());
        output.WriteLine(report.ToString());
        Assert.True(result.Load.Operations.Sum(o => o.Count) >= 10, report.ToString());
        Assert.True(result.Passed, report.ToString());
    }

    /// <summary>The suite's event collector seen as the load test's event log (one entry per event id).</summary>
    private sealed class CollectedEvents(EventCollector collector) : IEventLog
    {
        public long Redeliveries => collector.Events.Count() - Snapshot().Count;

        public IReadOnlyCollection<ReceivedEvent> Snapshot() =>
            collector.Events
                .Select(e => new ReceivedEvent(e.GetProperty("id").GetString()!, e.GetProperty("type").GetString()!, ImageId(e)))
                .DistinctBy(e => e.Id)
                .ToList();

        private static string ImageId(JsonElement cloudEvent) =>
            cloudEvent.TryGetProperty("subject", out var subject) && subject.GetString() is { } s && s.StartsWith("/images/", StringComparison.Ordinal)
                ? s["/images/".Length..]
                : "";
    }
}
