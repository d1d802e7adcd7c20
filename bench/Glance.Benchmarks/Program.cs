using System.Runtime.InteropServices;
using Glance.Benchmarks;

BenchOptions options;
try
{
    if (args.Any(a => a is "-h" or "--help"))
    {
        Console.WriteLine(BenchOptions.Usage);
        return 0;
    }
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
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
    var report = await new DataBenchmark(options, repo).RunAsync(cancellation.Token);
    report.Print(Console.Out);
    // A missed goal is a result; an operation the service failed means the report is incomplete.
    return report.Errors > 0 ? 1 : 0;
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
