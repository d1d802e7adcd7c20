// The Images API's latency against the raw table floors under it: p50/p95 of create, show, PATCH, list, delete and
// concurrent shows over HTTP, and of an entity group transaction, point read and upserts straight to the same Azurite,
// interleaved in rounds. Goals: create and PATCH p50 <= 2.5x the transaction's p50.
// Usage: scripts/bench-api.sh [--reps 200] [--concurrency 8]. Ctrl-C stops it and removes its Azurite.
using System.Globalization;
using Glance.Benchmarks;
using Glance.Benchmarks.Support;
using Glance.LocalServers;

return await BenchMain.RunAsync(args, ApiBenchOptions.Usage, ApiBenchOptions.Parse, RunAsync);

static async Task<int> RunAsync(ApiBenchOptions options, CancellationToken cancellationToken)
{
    var repo = RepositoryLayout.Locate(null);
    // In memory: on disk, Azurite re-serialises its whole table database every few seconds on its only thread, a pause
    // that would land on whichever request is in flight. Only table rows are written here, so nothing big is held.
    var folder = Directory.CreateTempSubdirectory("glance-bench-api-").FullName;
    await using var azurite = await AzuriteServer.StartAsync(repo, folder, cancellationToken, inMemory: true);
    await using var service = await LocalHostProcess.StartAsync(repo, azurite.ConnectionString, cancellationToken,
    [
        // Notifications stay on, so a create commits its event row in its transaction as in production, but go
        // nowhere: with no topic and no webhook they are dropped once committed, and nothing leaves the process.
        "--Glance:Events:Enabled", "true",
        // Information logs of every request would cost the service more than some of the work measured.
        "--Logging:LogLevel:Default", "Warning",
        // The pollers and sweepers would put their scans on Azurite's one thread in the middle of the timings.
        "--Glance:LocalHost:Timers:Interval", "01:00:00",
        "--Glance:LocalHost:BlobPolling:Interval", "01:00:00",
        "--Glance:LocalHost:QueuePolling:Interval", "01:00:00",
    ]);
    Console.Error.WriteLine($"Azurite (pid {azurite.ProcessId}) and the local host (pid {service.ProcessId}) are up");

    var floors = await TableFloors.CreateAsync(azurite.ConnectionString, cancellationToken);
    using var api = new ImagesApi(service.BaseAddress, FloorRows.Project);
    var rounds = new ApiRounds(floors, api, options.Concurrency);
    var loadBefore = LoadAverage();
    Samples samples;
    try
    {
        await rounds.SeedAsync(cancellationToken);
        samples = await rounds.RunAsync(options.Reps, ReportProgress, cancellationToken);
    }
    catch (Exception e) when (e is InvalidOperationException or HttpRequestException && service.LastLoggedException() is { } logged)
    {
        throw new InvalidOperationException($"{e.Message} The service logged: {logged}", e);
    }

    Console.WriteLine($"Images API vs raw table floors: {options.Reps} rounds ({ApiRounds.WarmUpRounds} warm-up rounds discarded), " +
        "floors and requests interleaved, one keep-alive client, loopback, one Azurite (in memory)");
    Console.WriteLine($"{Environment.ProcessorCount} cores; load average {loadBefore} before, {LoadAverage()} after");
    Console.WriteLine();
    ApiReport.Print(samples, options.Concurrency, Console.Out);
    return 0;

    void ReportProgress(int round)
    {
        if (round + 1 == 0 || (round + 1) % 50 == 0)
        {
            Console.Error.WriteLine(round + 1 == 0 ? "warmed up" : $"  {round + 1} of {options.Reps} rounds");
        }
    }
}

static string LoadAverage() => File.Exists("/proc/loadavg")
    ? File.ReadAllText("/proc/loadavg").Split(' ')[0]
    : double.NaN.ToString(CultureInfo.InvariantCulture);
