using Glance.Benchmarks.Support;
using Glance.LoadTest;
using Glance.LoadWorkload;
using Glance.LocalServers;

return await BenchMain.RunAsync(args, LoadOptions.Usage, LoadOptions.Parse, async (options, cancellationToken) =>
{
    var repo = RepositoryLayout.Locate(options.RepositoryRoot);
    using var work = new WorkFolder();
    Console.Error.WriteLine($"Starting Azurite and the local host (data in {work.Path})...");
    await using var azurite = await AzuriteServer.StartAsync(repo, work.Child("azurite"), cancellationToken);
    await using var events = await EventReceiver.StartAsync(cancellationToken);
    await using var service = await LocalHostProcess.StartAsync(repo, azurite.ConnectionString, cancellationToken,
    [
        "--Glance:Auth:Mode", "trusted",
        "--Glance:Events:Webhooks:0", events.Url,
        // The sweeper re-publishes what the fast path missed; every 5 s rather than 30 s, so the audit need not wait long.
        "--Glance:LocalHost:Timers:Interval", "00:00:05",
        // Information logs of every request on the console would cost the service more than the work measured.
        "--Logging:LogLevel:Default", "Warning",
    ]);
    var before = LoadAverage();
    var result = await LoadRunner.RunAsync(service.BaseAddress, events, options.Settings, Console.Error, cancellationToken);
    service.EnsureRunning();
    LoadReport.Print(result, Console.Out,
        $"{Environment.ProcessorCount} cores; load average (1 min) {before} before, {LoadAverage()} after; service, Azurite and clients share them");
    if (!result.Passed && service.LastLoggedException() is { } logged)
    {
        Console.Out.WriteLine($"last exception the service logged: {logged}");
    }
    return result.Passed ? 0 : 1;
});

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
