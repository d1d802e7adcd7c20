using System.Diagnostics;
using System.Reflection;

namespace Glance.Infra.Tests.Support;

/// <summary>
/// Runs the bicep compiler of the Azure.Bicep.CommandLine.linux-x64 package, whose path the build stores in an
/// assembly attribute. A missing compiler throws, so the tests fail instead of passing vacuously.
/// </summary>
internal static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static string ExecutablePath()
    {
        var configured = typeof(BicepCli).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == "BicepPath")?.Value;
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException(
                "BicepPath was empty at build time: add the Azure.Bicep.CommandLine.linux-x64 package to this project.");
        }

        // The package's props join folder and file name with a backslash.
        var path = Path.GetFullPath(Path.DirectorySeparatorChar == '\\' ? configured : configured.Replace('\\', '/'));
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The bicep compiler is not at {path}; restore the test project.", path);
        }

        return path;
    }

    public static BicepRun Run(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(ExecutablePath())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var command = "bicep " + string.Join(' ', arguments);
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {command}.");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} did not finish within {Timeout}.");
        }

        process.WaitForExit(); // drains the redirected streams
        return new BicepRun(command, process.ExitCode, standardOutput.Result, standardError.Result);
    }

    /// <summary><c>bicep build FILE --stdout</c>: the ARM JSON on stdout, diagnostics as SARIF on stderr.</summary>
    public static BicepRun Build(string bicepFile) =>
        Run("build", bicepFile, "--stdout", "--diagnostics-format", "sarif");

    /// <summary><c>bicep lint --pattern GLOB</c>: every matching file in one process, SARIF on stdout.</summary>
    public static BicepRun LintAll(string pattern) =>
        Run("lint", "--pattern", pattern, "--diagnostics-format", "sarif");
}
