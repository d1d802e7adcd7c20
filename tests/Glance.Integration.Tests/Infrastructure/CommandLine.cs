using System.Diagnostics;

namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// Runs a real OpenStack command-line client as a user would at a terminal: under a pseudo-terminal (`script`),
/// because openstackclient uploads standard input as image data when it is not a terminal, and with a private
/// HOME, because glanceclient caches the server's schema there between calls.
/// </summary>
internal static class CommandLine
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(string program, params string[] arguments)
    {
        Assert.True(Which(program) is not null,
            $"`{program}` is not installed: install Debian's python3-openstackclient and python3-glanceclient (scripts/test.sh does).");
        Assert.True(Which("script") is not null, "`script` (util-linux) is needed to give the client a terminal.");
        var home = Directory.CreateTempSubdirectory("glance-cli-home-").FullName;
        try
        {
            var command = string.Join(' ', new[] { program }.Concat(arguments).Select(Quote));
            var start = new ProcessStartInfo("script")
            {
                ArgumentList = { "-qec", command, "/dev/null" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                Environment = { ["HOME"] = home, ["COLUMNS"] = "250", ["OS_CLOUD"] = "" },
            };
            using var process = Process.Start(start)!;
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await process.WaitForExitAsync(timeout.Token);
            return new Result(process.ExitCode, ((await output) + (await error)).Replace("\r", "", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
