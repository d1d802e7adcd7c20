using System.Runtime.InteropServices;
using Glance.Benchmarks;
using Glance.LoadTest;

LoadOptions options;
try
{
    if (args.Any(a => a is "-h" or "--help"))
    {
        Console.WriteLine(LoadOptions.Usage);
        return 0;
    }
    options = LoadOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

using var cancellation = new CancellationTokenSource();
// Stop gracefully on Ctrl-C or kill, so Azurite, the local host and the temporary files are cleaned up.
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    cancellation.Cancel();
}
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var onHangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);

try
{
    var repo = RepositoryLayout.Locate(options.RepositoryRoot);
    using var work = new WorkFolder();
    Console.Error.WriteLine($"Starting Azurite and the local host (data in {work.Path})...");
    await using var azurite = await AzuriteServer.StartAsync(repo, work.Child("azurite"), cancellation.Token);
    await using var events = await EventReceiver.StartAsync(cancellation.Token);
    await using var service = await LocalHostProcess.StartAsync(repo, azurite.ConnectionString, cancellation.Token,
    [
        "--Glance:Auth:Mode", "trusted",
        "--Glance:Events:Webhooks:0", events.Url,
        // The sweeper re-publishes what the fast path missed; every 5 s rather than 30 s, so the audit need not wait long.
        "--Glance:LocalHost:Timers:Interval", "00:00:05",
        // Information logs of every request on the console would cost the service more than the work measured.
        "--Logging:LogLevel:Default", "Warning",
    ]);
    var before = LoadAverage();
    var result = await LoadRunner.RunAsync(service.BaseAddress, events, options.Settings, Console.Error, cancellation.Token);
    service.EnsureRunning();
    LoadReport.Print(result, Console.Out,
        $"{Environment.ProcessorCount} cores; load average (1 min) {before} before, {LoadAverage()} after; service, Azurite and clients share them");
    if (!result.Passed && service.LastLoggedException() is { } logged)
    {
        Console.Out.WriteLine($"last exception the service logged: {logged}");
    }
    return result.Passed ? 0 : 1;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}
catch (Exception e)
{
    Console.Error.WriteLine($"error: {e}");
    return 1;
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
