using System.Diagnostics;

namespace Glance.LoadWorkload;

/// <summary>Runs the clients against a service for the set duration, then the audit. The service is started elsewhere.</summary>
public static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(Uri service, IEventLog events, LoadSettings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = service, Timeout = TimeSpan.FromSeconds(60) };
        // Upload URLs point at storage, not at the service.
        using var storage = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var metrics = new OperationMetrics();
        var api = new LoadApi(http, metrics);
        // Projects of their own, so a run never meets images of another run in the same storage.
        var run = Guid.NewGuid().ToString("N")[..6];
        var projects = Enumerable.Range(0, settings.Clients).Select(i => $"load-{run}-p{i}").ToList();
        var clients = projects.Select((project, i) => new LoadClient(i, project, projects.Where(p => p != project).ToList(), api, storage, settings)).ToList();

        var clock = Stopwatch.StartNew();
        using var reporting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reporter = ReportProgressAsync(metrics, clock, settings, progress, reporting.Token);
        await Task.WhenAll(clients.Select(client => Task.Run(() => client.RunAsync(clock, cancellationToken), cancellationToken)));
        var elapsed = clock.Elapsed;
        await reporting.CancelAsync();
        await reporter;

        progress.WriteLine($"load finished after {elapsed.TotalSeconds:0.0} s; auditing...");
        var auditMetrics = new OperationMetrics();
        var findings = await new LoadAudit(new LoadApi(http, auditMetrics), clients, events, settings, progress).RunAsync(cancellationToken);
        return new LoadResult(settings, metrics, elapsed, auditMetrics, findings);
    }

    private static async Task ReportProgressAsync(OperationMetrics metrics, Stopwatch clock, LoadSettings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
                var requests = metrics.Operations.Sum(o => o.Count);
                progress.WriteLine($"{clock.Elapsed.TotalSeconds,5:0} s of {settings.Duration.TotalSeconds:0}: {requests} requests " +
                    $"({requests / clock.Elapsed.TotalSeconds:0} /s), {metrics.ServerErrors} 5xx, {metrics.Unexpected} unexpected");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
