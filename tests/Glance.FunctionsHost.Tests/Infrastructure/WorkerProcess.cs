using System.Diagnostics;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.FunctionsHost.Tests.Infrastructure;

/// <summary>
/// The built worker (Glance.Functions.dll) started as the Functions host starts a .NET isolated worker: `dotnet
/// App.dll` in the app folder with the host's arguments, FUNCTIONS_WORKER_RUNTIME, the worker and app folders
/// and the app settings in its environment. Its output is kept for failure messages; disposing kills it and its children.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    /// <summary>What the host passes as the gRPC message limit (int.MaxValue, as the host's default).</summary>
    private const int GrpcMaxMessageLength = int.MaxValue;

    private readonly Process _process;
    private readonly OutputTail _output = new(capacity: 200);

    private WorkerProcess(Process process, string workerId)
    {
        _process = process;
        WorkerId = workerId;
        _output.Follow(process);
    }

    public string WorkerId { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>What the worker printed (stdout and stderr), the last lines.</summary>
    public string Output => _output.ToString();

    /// <summary>Starts the worker to dial <paramref name="hostUri"/> with <paramref name="appSettings"/> in its environment.</summary>
    public static WorkerProcess Start(Uri hostUri, IReadOnlyDictionary<string, string> appSettings)
    {
        var workerId = Guid.NewGuid().ToString();
        var requestId = Guid.NewGuid().ToString();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = FunctionsBuildOutput.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            FunctionsBuildOutput.WorkerDll,
            "--host", hostUri.Host, "--port", hostUri.Port.ToString(),
            "--workerId", workerId, "--requestId", requestId,
            "--grpcMaxMessageLength", GrpcMaxMessageLength.ToString(),
            "--functions-uri", hostUri.ToString(), "--functions-worker-id", workerId,
            "--functions-request-id", requestId, "--functions-grpc-max-message-length", GrpcMaxMessageLength.ToString(),
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        // Set by the host's RpcWorkerProcess for every worker; the .NET worker needs the app folder to load functions.
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = FunctionsBuildOutput.Folder;
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = FunctionsBuildOutput.Folder;
        foreach (var (name, value) in appSettings)
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        return new WorkerProcess(process, workerId);
    }

    /// <summary>Waits for the worker to exit on its own; false if it still runs after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            // The exit can be seen before the last output line is read: give the readers a moment.
            _process.WaitForExit(TimeSpan.FromSeconds(2));
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public string Describe() =>
        (_process.HasExited ? $"The worker exited with code {_process.ExitCode}." : "The worker is running.") +
        $" Its output:{Environment.NewLine}{Output}";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        _process.Dispose();
    }
}
