using System.Diagnostics;

namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// The real Keystone 22 (Zed) from Debian, set up and started on a free loopback port with its state in a temporary
/// folder by the scripts in shared/keystone-ref (beside the repository, or KEYSTONE_REF_DIR), with two local hosts in
/// keystone mode over an Azurite of their own: <see cref="Catalogued"/>, the image endpoint start.sh registers in the
/// catalogue (default cache time), and <see cref="ShortCache"/>, whose validations are cached for
/// <see cref="ShortCacheTime"/> only. Keystone is stopped after the tests; it is slow (seconds a request), so the
/// tests using it are few.
/// </summary>
public sealed class KeystoneHosts : IAsyncLifetime
{
    public const string AdminPassword = "admin-secret";

    /// <summary>Long enough to see a revoked token still work after `openstack token revoke` has returned.</summary>
    public static readonly TimeSpan ShortCacheTime = TimeSpan.FromSeconds(20);

    private readonly string _state = Directory.CreateTempSubdirectory("keystone-ref-").FullName;
    private readonly int _port = FreePort.Next();
    private string _scripts = "";
    private bool _started;

    public AzuriteProcess Azurite { get; private set; } = null!;
    public LocalHostInstance Catalogued { get; private set; } = null!;
    public LocalHostInstance ShortCache { get; private set; } = null!;

    /// <summary>Keystone's identity endpoint, what clients have in OS_AUTH_URL.</summary>
    public string AuthUrl => $"http://127.0.0.1:{_port}/v3";

    public async Task InitializeAsync()
    {
        _scripts = Environment.GetEnvironmentVariable("KEYSTONE_REF_DIR")
            ?? Path.GetFullPath(Path.Combine(RepositoryRoot.Path, "..", "shared", "keystone-ref"));
        if (!File.Exists(Path.Combine(_scripts, "start.sh")))
        {
            throw new InvalidOperationException($"The reference Keystone scripts are not at {_scripts}; set KEYSTONE_REF_DIR.");
        }
        Azurite = await AzuriteProcess.StartAsync();
        Catalogued = await LocalHostInstance.StartAsync(Azurite, "keystone", Settings(cacheTime: null));
        ShortCache = await LocalHostInstance.StartAsync(Azurite, "keystone", Settings(ShortCacheTime));
        await RunAsync("setup.sh", TimeSpan.FromMinutes(10));
        _started = true;
        // Also registers the image service at our host's URL and the service user `glance` the hosts validate with.
        await RunAsync("start.sh", TimeSpan.FromMinutes(6), ("IMAGE_URL", Catalogued.BaseUrl));
    }

    public async Task DisposeAsync()
    {
        if (_started)
        {
            await RunAsync("stop.sh", TimeSpan.FromMinutes(1));
        }
        try
        {
            Directory.Delete(_state, recursive: true);
        }
        catch (IOException)
        {
        }
        if (ShortCache is not null)
        {
            await ShortCache.DisposeAsync();
        }
        if (Catalogued is not null)
        {
            await Catalogued.DisposeAsync();
        }
        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }
    }

    /// <summary>openstackclient as the Keystone admin with ordinary password credentials (what `admin_env` exports).</summary>
    internal Task<CommandLine.Result> OpenStackAsync(params string[] arguments) =>
        CommandLine.RunAsync("openstack",
        [
            "--os-auth-type", "password", "--os-auth-url", AuthUrl, "--os-identity-api-version", "3",
            "--os-username", "admin", "--os-password", AdminPassword, "--os-project-name", "admin",
            "--os-user-domain-name", "Default", "--os-project-domain-name", "Default",
            "--os-region-name", "RegionOne", "--os-interface", "public",
            .. arguments,
        ]);

    private Dictionary<string, string?> Settings(TimeSpan? cacheTime)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Glance:Auth:Keystone:AuthUrl"] = AuthUrl,
            ["Glance:Auth:Keystone:Username"] = "glance",
            ["Glance:Auth:Keystone:Password"] = "glance-secret",
            ["Glance:Auth:Keystone:ProjectName"] = "service",
        };
        if (cacheTime is { } time)
        {
            settings["Glance:Auth:Keystone:CacheTime"] = time.ToString();
        }
        return settings;
    }

    private async Task RunAsync(string script, TimeSpan timeout, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(_scripts, script) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["KEYSTONE_REF_RUN"] = _state, ["KEYSTONE_PORT"] = _port.ToString() },
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancellation.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"keystone-ref {script} failed ({process.ExitCode}):\n{await output}\n{await error}\n(logs in {_state}/log)");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class KeystoneHostsCollection : ICollectionFixture<KeystoneHosts>
{
    public const string Name = "keystone reference";
}
