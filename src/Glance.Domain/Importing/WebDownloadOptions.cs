using System.ComponentModel.DataAnnotations;

namespace Glance.Domain.Importing;

/// <summary>
/// Which URIs the web-download import may fetch. Section <c>Glance:Import:WebDownload</c>. The scheme, host and
/// port lists are Glance's <c>[import_filtering_opts]</c> with its defaults and its rule that a non-empty allow-list
/// makes the matching deny-list ignored; the rest is ours. Checked at start.
/// </summary>
/// <remarks>
/// The configuration binder appends bound items to a list that already has items, so binding
/// <c>AllowedPorts:0=8080</c> yields 80, 443 and 8080; whoever binds this section and means to replace a default
/// list has to assign it.
/// </remarks>
public sealed class WebDownloadOptions : IValidatableObject
{
    public const string SectionName = "Glance:Import:WebDownload";

    private const string Positive = "00:00:00.001";
    private const string Longest = "10675199.02:48:05";

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
    [Range(0, int.MaxValue, ErrorMessage = "Glance:Import:WebDownload:MaxRedirects cannot be negative.")]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>
    /// How long a download may go without receiving a byte before its import fails: a source that stalls must not
    /// hold the image importing (and a worker busy) until <see cref="MaxDuration"/>.
    /// </summary>
    [Range(typeof(TimeSpan), Positive, Longest, ErrorMessage = "Glance:Import:WebDownload:IdleReadTimeout must be positive.")]
    public TimeSpan IdleReadTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The longest a whole download may take. It must stay below <c>Glance:Data:StaleOperationAfter</c> (else the
    /// recovery would take a live download for a dead one) and host.json's <c>functionTimeout</c> (04:00:00).
    /// </summary>
    [Range(typeof(TimeSpan), Positive, Longest, ErrorMessage = "Glance:Import:WebDownload:MaxDuration must be positive.")]
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(3);

    /// <summary>Every list entry must be one the filter can match: a port in range, a scheme or host that is not blank.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, ports) in new[] { (nameof(AllowedPorts), AllowedPorts), (nameof(DisallowedPorts), DisallowedPorts) })
        {
            foreach (var port in ports.Where(p => p is < 1 or > 65535))
            {
                yield return new ValidationResult($"{SectionName}:{name}: {port} is not a port (1 to 65535).", [name]);
            }
        }
        foreach (var (name, entries) in new[]
        {
            (nameof(AllowedSchemes), AllowedSchemes), (nameof(DisallowedSchemes), DisallowedSchemes),
            (nameof(AllowedHosts), AllowedHosts), (nameof(DisallowedHosts), DisallowedHosts),
        })
        {
            if (entries.Any(string.IsNullOrWhiteSpace))
            {
                yield return new ValidationResult($"{SectionName}:{name} has an empty entry.", [name]);
            }
        }
    }
}
