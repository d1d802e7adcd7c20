using Glance.LocalServers;
namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// The real OpenStack Glance 25 (Zed) from Debian, set up and started on a free loopback port in trusted-header
/// mode by the scripts in tests/reference/glance (or GLANCE_REF_DIR), with its state in a
/// temporary folder; stopped after the tests. Fails loudly when the scripts or packages are missing.
/// It runs with the new policy defaults enforced (secure RBAC), as this service does and current Glance does by
/// default; the scripts' configuration leaves Zed's legacy rules on, so the two options are set through
/// oslo.config's environment variables, which take precedence over the configuration file. The image cache is
/// switched off the same way, since its versions (v2.14, v2.16) are ones we neither advertise nor serve, and the
/// import methods are ours.
/// </summary>
public sealed class ReferenceGlance : IAsyncLifetime
{
    private readonly int _port = FreePort.Next();
    private readonly bool _enforceScope;
    private readonly IReadOnlyDictionary<string, string> _extra;
    private ReferenceScripts? _scripts;

    public ReferenceGlance()
        : this(enforceScope: false)
    {
    }

    /// <param name="enforceScope">oslo.policy's enforce_scope: every image rule refuses a token not scoped to a project.</param>
    /// <param name="extra">More settings for the scripts (GLANCE_STORES ...) or oslo.config, replacing these.</param>
    internal ReferenceGlance(bool enforceScope, IReadOnlyDictionary<string, string>? extra = null)
    {
        _enforceScope = enforceScope;
        _extra = extra ?? new Dictionary<string, string>();
    }

    public string BaseUrl => $"http://127.0.0.1:{_port}";

    public async Task InitializeAsync()
    {
        var environment = new Dictionary<string, string>
        {
            ["GLANCE_PORT"] = _port.ToString(),
            ["GLANCE_AUTH"] = "trusted",
            ["OS_DEFAULT__ENFORCE_SECURE_RBAC"] = "true",
            ["OS_OSLO_POLICY__ENFORCE_NEW_DEFAULTS"] = "true",
            ["OS_OSLO_POLICY__ENFORCE_SCOPE"] = _enforceScope ? "true" : "false",
            // Without an image cache, as we are: Zed then advertises and serves (as URL prefixes) the versions we do.
            ["OS_DEFAULT__IMAGE_CACHE_DIR"] = "",
            // The import methods we offer (copy-image copies between stores, and we have one).
            ["OS_DEFAULT__ENABLED_IMPORT_METHODS"] = "[glance-direct,web-download]",
        };
        foreach (var (name, value) in _extra)
        {
            environment[name] = value;
        }
        _scripts = ReferenceScripts.Find("glance", "GLANCE_REF_DIR", "GLANCE_REF_RUN", environment);
        await _scripts.RunAsync("setup.sh", TimeSpan.FromMinutes(10));
        await _scripts.RunAsync("start.sh", TimeSpan.FromMinutes(3));
    }

    /// <summary>Loads a folder of metadef JSON files into the reference's database with glance-manage db_load_metadefs.</summary>
    public Task LoadMetadefsAsync(string folder) =>
        (_scripts ?? throw new InvalidOperationException("The reference Glance has not started.")).RunAsync("load-metadefs.sh", TimeSpan.FromMinutes(2), ("METADEFS_PATH", folder));

    public async Task DisposeAsync()
    {
        if (_scripts is not null)
        {
            await _scripts.RunAsync("stop.sh", TimeSpan.FromMinutes(1));
            _scripts.Dispose();
        }
    }
}
