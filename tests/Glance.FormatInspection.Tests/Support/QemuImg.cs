using System.Diagnostics;
using System.Text.Json;

namespace Glance.FormatInspection.Tests.Support;

/// <summary>
/// Runs Debian's qemu-img to produce real images. Its absence fails the test instead of skipping it: these tests
/// are the evidence that the inspector agrees with qemu, and CI installs qemu-utils.
/// </summary>
internal static class QemuImg
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs qemu-img and returns what it printed.</summary>
    public static string Run(params string[] arguments)
    {
        var (exitCode, output, error) = Execute(arguments);
        if (exitCode != 0)
        {
            Assert.Fail($"qemu-img {string.Join(' ', arguments)} exited {exitCode}: {error}{output}");
        }

        return output;
    }

    /// <summary>
    /// Runs a LUKS creation. qemu times its PBKDF2 benchmark with thread CPU time and gives up with "Unable to get
    /// accurate CPU usage" when a busy machine reports none; that says nothing about the image, so try again.
    /// </summary>
    public static void RunLuksCreate(params string[] arguments)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (exitCode, output, error) = Execute(arguments);
            if (exitCode == 0)
            {
                return;
            }

            if (attempt == 5 || !error.Contains("Unable to get accurate CPU usage", StringComparison.Ordinal))
            {
                Assert.Fail($"qemu-img {string.Join(' ', arguments)} exited {exitCode}: {error}{output}");
            }
        }
    }

    /// <summary>qemu-img's own reading of the image's virtual size.</summary>
    public static long VirtualSize(string path, string format)
    {
        using var json = JsonDocument.Parse(Run("info", "-f", format, "--output=json", path));
        return json.RootElement.GetProperty("virtual-size").GetInt64();
    }

    private static (int ExitCode, string Output, string Error) Execute(string[] arguments)
    {
        var startInfo = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("qemu-img did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"qemu-img {string.Join(' ', arguments)} did not finish within {Timeout}");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    private static string Executable()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(directory, "qemu-img");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail("qemu-img was not found on PATH. These tests need real images: install qemu-utils "
            + "(apt-get install -y qemu-utils) and run them again.");
        return string.Empty;
    }
}
