using System.Runtime.InteropServices;

namespace Glance.Benchmarks.Support;

/// <summary>
/// The entry point of the data benchmark and the load test, so they answer alike: <c>-h</c>/<c>--help</c> prints the
/// usage (exit 0); bad arguments print the message and the usage to stderr (exit 2); Ctrl-C, SIGTERM or SIGHUP
/// cancel the run, which prints "Cancelled." (exit 130); any other error prints "error: " and the exception (exit 1);
/// otherwise the run's own exit code.
/// </summary>
public static class BenchMain
{
    /// <param name="parse">Reads the options; throws <see cref="ArgumentException"/> with a message for the user.</param>
    /// <param name="run">The benchmark; its token is cancelled by the signals above.</param>
    public static async Task<int> RunAsync<TOptions>(
        string[] args, string usage, Func<IReadOnlyList<string>, TOptions> parse, Func<TOptions, CancellationToken, Task<int>> run)
    {
        TOptions options;
        try
        {
            if (args.Any(a => a is "-h" or "--help"))
            {
                Console.WriteLine(usage);
                return 0;
            }
            options = parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(usage);
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
            return await run(options, cancellation.Token);
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
    }
}
