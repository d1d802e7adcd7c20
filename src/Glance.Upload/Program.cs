using System.Runtime.InteropServices;
using Azure;
using Glance.Upload;

// Ctrl-C or SIGTERM stops the upload between blocks: staged blocks stay (and are journaled) for the next run.
// A second Ctrl-C ends the process at once.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (!stop.IsCancellationRequested)
    {
        e.Cancel = true;
        stop.Cancel();
    }
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

if (args.Any(a => a is "-h" or "--help"))
{
    Console.WriteLine(UploadOptions.Usage);
    return ExitCodes.Active;
}
UploadOptions options;
try
{
    options = UploadOptions.Parse(args, Environment.GetEnvironmentVariable);
}
catch (UsageException e)
{
    Console.Error.WriteLine($"glance-upload: {e.Message}");
    Console.Error.WriteLine("Run glance-upload --help for the options.");
    return ExitCodes.Usage;
}
try
{
    return await new UploadCommand(options, Console.Out, Console.Error, interactive: !Console.IsOutputRedirected).RunAsync(stop.Token);
}
catch (GlanceApiException e)
{
    Console.Error.WriteLine($"glance-upload: {e.Message}");
    return ExitCodes.ServiceError;
}
catch (HttpRequestException e)
{
    Console.Error.WriteLine($"glance-upload: cannot reach the service at {options.Endpoint}: {e.Message}");
    return ExitCodes.ServiceError;
}
catch (RequestFailedException e)
{
    Console.Error.WriteLine($"glance-upload: Blob Storage refused the upload: {(e.Status == 0 ? "" : $"{e.Status} ")}{e.ErrorCode ?? e.Message}");
    return ExitCodes.ServiceError;
}
catch (AggregateException e)
{
    // The storage SDK's retries ran out (it throws every try's failure together).
    Console.Error.WriteLine($"glance-upload: cannot reach Blob Storage: {e.InnerExceptions[^1].Message}");
    return ExitCodes.ServiceError;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("glance-upload: interrupted.");
    return ExitCodes.Interrupted;
}
catch (TaskCanceledException)
{
    Console.Error.WriteLine($"glance-upload: the service at {options.Endpoint} did not answer in time.");
    return ExitCodes.ServiceError;
}
catch (IOException e)
{
    Console.Error.WriteLine($"glance-upload: reading {options.FilePath} failed: {e.Message}");
    return ExitCodes.ServiceError;
}
