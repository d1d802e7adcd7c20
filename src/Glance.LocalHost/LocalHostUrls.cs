using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Glance.LocalHost;

/// <summary>
/// Where the local host listens: ASP.NET Core's <c>urls</c> setting (<c>--urls</c>; scripts/run.sh sets it from
/// GLANCE_PORT), semicolon-separated http(s) URLs, each with a port from 0 (any free one) to 65535 or none. Checked at
/// start, because Kestrel refuses a bad one only after every other service has started, storage included.
/// </summary>
public sealed class LocalHostUrls : IValidatableObject
{
    public const string Setting = "urls";

    public string Urls { get; set; } = GlanceLocalHost.DefaultUrl;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(url => !IsListenUrl(url))
            .Select(url => new ValidationResult(
                $"{Setting}: '{url}' is not an http(s) URL with a port from 0 to 65535 (set it with --urls, or GLANCE_PORT for scripts/run.sh).",
                [nameof(Urls)]));

    /// <summary>As Kestrel reads one (its hosts include <c>*</c> and <c>+</c>, which are not URI hosts): scheme, host, optional port.</summary>
    private static bool IsListenUrl(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd < 0 ? "" : url[..schemeEnd];
        if (!scheme.Equals("http", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var authority = url[(schemeEnd + 3)..].Split('/')[0];
        var portStart = authority.LastIndexOf(':');
        if (portStart < 0 || portStart < authority.LastIndexOf(']'))
        {
            return authority.Length > 0;
        }
        return portStart > 0
            && int.TryParse(authority[(portStart + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            && port <= 65535;
    }
}
