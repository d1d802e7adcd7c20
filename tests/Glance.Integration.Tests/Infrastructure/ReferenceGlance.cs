using System.Diagnostics;

namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// The real OpenStack Glance 25 (Zed) from Debian, set up and started on a free loopback port in trusted-header
/// mode by the scripts in shared/glance-ref (beside the repository, or GLANCE_REF_DIR), with its state in a
/// temporary folder; stopped after the tests. Fails loudly when the scripts or packages are missing.
/// It runs with the new policy defaults enforced (secure RBAC), as this service does and current Glance does by
/// default; the scripts' configuration leaves Zed's legacy rules on, so the two options are set through
/// oslo.config's environment variables, which take precedence over the configuration file.
/// </summary>
public sealed class ReferenceGlance : IAsyncLifetime
{
    private readonly string _state = Directory.CreateTempSubdirectory("glance-ref-").FullName;
    private readonly int _port = FreePort.Next();
    private string _scripts = "";

    public string BaseUrl => $"http://127.0.0.1:{_port}";

    public async Task InitializeAsync()
    {
        _scripts = Environment.GetEnvironmentVariable("GLANCE_REF_DIR")
            ?? Path.GetFullPath(Path.Combine(RepositoryRoot.Path, "..", "shared", "glance-ref"));
        if (!File.Exists(Path.Combine(_scripts, "start.sh")))
        {
            throw new InvalidOperationException($"The reference Glance scripts are not at {_scripts}; set GLANCE_REF_DIR.");
        }
        await RunAsync("setup.sh", TimeSpan.FromMinutes(10));
        await RunAsync("start.sh", TimeSpan.FromMinutes(3));
    }

    public async Task DisposeAsync()
    {
        await RunAsync("stop.sh", TimeSpan.FromMinutes(1));
        try
        {
            Directory.Delete(_state, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task RunAsync(string script, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(_scripts, script) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["GLANCE_REF_RUN"] = _state,
                ["GLANCE_PORT"] = _port.ToString(),
                ["GLANCE_AUTH"] = "trusted",
                ["OS_DEFAULT__ENFORCE_SECURE_RBAC"] = "true",
                ["OS_OSLO_POLICY__ENFORCE_NEW_DEFAULTS"] = "true",
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancellation.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed ({process.ExitCode}):\n{await output}\n{await error}");
        }
    }
}
