using Glance.LocalServers;
namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// The real Keystone 22 (Zed) from Debian, set up and started on a free loopback port with its state in a temporary
/// folder by the scripts in tests/reference/keystone (or KEYSTONE_REF_DIR), with two local hosts in
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

    private readonly int _port = FreePort.Next();
    private ReferenceScripts? _scripts;
    private bool _started;

    public AzuriteProcess Azurite { get; private set; } = null!;
    public LocalHostInstance Catalogued { get; private set; } = null!;
    public LocalHostInstance ShortCache { get; private set; } = null!;

    /// <summary>Keystone's identity endpoint, what clients have in OS_AUTH_URL.</summary>
    public string AuthUrl => $"http://127.0.0.1:{_port}/v3";

    public async Task InitializeAsync()
    {
        _scripts = ReferenceScripts.Find("keystone", "KEYSTONE_REF_DIR", "KEYSTONE_REF_RUN",
            new Dictionary<string, string> { ["KEYSTONE_PORT"] = _port.ToString() });
        Azurite = await AzuriteProcess.StartAsync();
        Catalogued = await LocalHostInstance.StartAsync(Azurite, "keystone", Settings(cacheTime: null));
        ShortCache = await LocalHostInstance.StartAsync(Azurite, "keystone", Settings(ShortCacheTime));
        await _scripts.RunAsync("setup.sh", TimeSpan.FromMinutes(10));
        _started = true;
        // Also registers the image service at our host's URL and the service user `glance` the hosts validate with.
        await _scripts.RunAsync("start.sh", TimeSpan.FromMinutes(6), ("IMAGE_URL", Catalogued.BaseUrl));
    }

    public async Task DisposeAsync()
    {
        if (_started)
        {
            await _scripts!.RunAsync("stop.sh", TimeSpan.FromMinutes(1));
        }
        _scripts?.Dispose();
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

    /// <summary>The Keystone admin with ordinary password credentials (what `as_admin` exports); its project id is not looked up.</summary>
    internal KeystoneUser Admin => new(AuthUrl, "admin", AdminPassword, "admin", ProjectId: "");

    /// <summary>openstackclient as the Keystone admin.</summary>
    internal Task<CommandLine.Result> OpenStackAsync(params string[] arguments) => Admin.OpenStackAsync(arguments);

    /// <summary>
    /// What a cloud admin does for a new user: a project of its own and a user with the `member` role in it, both
    /// named <paramref name="prefix"/> and a random suffix, created with openstackclient and the admin's credentials.
    /// </summary>
    internal async Task<KeystoneUser> CreateProjectUserAsync(string prefix)
    {
        var name = prefix + "-" + Guid.NewGuid().ToString("N")[..8];
        var password = Guid.NewGuid().ToString("N");
        var project = CreateAsync("project", "create", "--domain", "Default", name);
        var user = CreateAsync("user", "create", "--domain", "Default", "--password", password, name);
        var (projectId, userId) = (await project, await user);
        var role = await OpenStackAsync("role", "add", "--project", projectId, "--user", userId, "member");
        Assert.True(role.ExitCode == 0, role.Output);
        return new KeystoneUser(AuthUrl, name, password, name, projectId);
    }

    /// <summary>Creates an identity resource with openstackclient as the admin and returns its id.</summary>
    internal async Task<string> CreateAsync(params string[] arguments)
    {
        var created = await OpenStackAsync([.. arguments, "-f", "value", "-c", "id"]);
        Assert.True(created.ExitCode == 0, created.Output);
        return created.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
    }

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
}

[CollectionDefinition(Name)]
public sealed class KeystoneHostsCollection : ICollectionFixture<KeystoneHosts>
{
    public const string Name = "keystone reference";
}
