using System.Reflection;

namespace Glance.FunctionsHost.Tests.Infrastructure;

/// <summary>
/// The Functions project's build output, in this test project's configuration: the folder the host would start the
/// worker in (its function app and worker directory), and the files in it the tests read.
/// </summary>
internal static class FunctionsBuildOutput
{
    public static string Folder { get; } = Path.GetFullPath(
        typeof(FunctionsBuildOutput).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "FunctionsOutputPath").Value!);

    /// <summary>The worker the host starts (worker.config.json's defaultWorkerPath).</summary>
    public static string WorkerDll => Existing("Glance.Functions.dll");

    /// <summary>What the Worker SDK generated at build time: the functions the app declares.</summary>
    public static string FunctionsMetadata => Existing("functions.metadata");

    public static string HostJson => Existing("host.json");

    /// <summary>The worker's gRPC client, whose embedded descriptor is the protocol the worker speaks.</summary>
    public static string WorkerGrpcDll => Existing("Microsoft.Azure.Functions.Worker.Grpc.dll");

    private static string Existing(string name)
    {
        var path = Path.Combine(Folder, name);
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: build src/Glance.Functions first.");
    }
}
