namespace Glance.Domain.Importing;

/// <summary>
/// Which URIs the web-download import may fetch. Section <c>Glance:Import:WebDownload</c>. The scheme, host and
/// port lists are Glance's <c>[import_filtering_opts]</c> with its defaults and its rule that a non-empty allow-list
/// makes the matching deny-list ignored; the rest is ours.
/// </summary>
/// <remarks>
/// The configuration binder appends bound items to a list that already has items, so binding
/// <c>AllowedPorts:0=8080</c> yields 80, 443 and 8080; whoever binds this section and means to replace a default
/// list has to assign it.
/// </remarks>
public sealed class WebDownloadOptions
{
    public const string SectionName = "Glance:Import:WebDownload";

    /// <summary>Schemes a URI may use; when empty, any scheme not in <see cref="DisallowedSchemes"/>.</summary>
    public IList<string> AllowedSchemes { get; set; } = ["http", "https"];

    /// <summary>Schemes refused; ignored while <see cref="AllowedSchemes"/> is non-empty.</summary>
    public IList<string> DisallowedSchemes { get; set; } = [];

    /// <summary>Host names or IP addresses a URI may name; when empty, any host not in <see cref="DisallowedHosts"/>.</summary>
    public IList<string> AllowedHosts { get; set; } = [];

    /// <summary>
    /// Host names or IP addresses refused; ignored while <see cref="AllowedHosts"/> is non-empty. Unlike Glance we also
    /// refuse a name that resolves to a listed IP address.
    /// </summary>
    public IList<string> DisallowedHosts { get; set; } = [];

    /// <summary>
    /// Ports a URI may use, the scheme's default port included (Glance checks only explicit ports); when empty, any
    /// port not in <see cref="DisallowedPorts"/>.
    /// </summary>
    public IList<int> AllowedPorts { get; set; } = [80, 443];

    /// <summary>Ports refused; ignored while <see cref="AllowedPorts"/> is non-empty.</summary>
    public IList<int> DisallowedPorts { get; set; } = [];

    /// <summary>
    /// Whether a URI may name or resolve to a loopback, private, link-local (the instance metadata service), CGNAT,
    /// multicast, reserved or Azure platform (168.63.129.16) address. Off, because the service runs inside a
    /// virtual network it must not let callers probe; turn it on only for a private mirror or for tests.
    /// </summary>
    public bool AllowNonPublicAddresses { get; set; }

    /// <summary>Redirects followed per download; every hop is filtered again.</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>
    /// How long a download may go without receiving a byte before its import fails: a source that stalls must not
    /// hold the image importing (and a worker busy) until <see cref="MaxDuration"/>.
    /// </summary>
    public TimeSpan IdleReadTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The longest a whole download may take. It must stay below <c>Glance:Data:StaleOperationAfter</c> (else the
    /// recovery would take a live download for a dead one) and host.json's <c>functionTimeout</c> (04:00:00).
    /// </summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(3);

    /// <summary>Null when the timeouts are usable; else why not (checked at start).</summary>
    public string? ValidateTimeouts() =>
        IdleReadTimeout <= TimeSpan.Zero ? "Glance:Import:WebDownload:IdleReadTimeout must be positive."
        : MaxDuration <= TimeSpan.Zero ? "Glance:Import:WebDownload:MaxDuration must be positive."
        : null;
}
