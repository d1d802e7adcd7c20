using System.ComponentModel.DataAnnotations;

namespace Glance.Functions.Http;

/// <summary>HTTP-level limits. Section <c>Glance:Api</c>; checked at start.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Glance:Api";

    /// <summary>Largest JSON request body accepted; larger ones get 413.</summary>
    [Range(1024, 16 * 1024 * 1024, ErrorMessage = "Glance:Api:MaxJsonBodyBytes must be between 1024 and 16777216.")]
    public int MaxJsonBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// The base URL clients reach the service at (Glance's public_endpoint), used in the versions document and
    /// Location headers. Empty: taken from the request's scheme and Host.
    /// </summary>
    public string? PublicEndpoint { get; set; }

    /// <summary>
    /// Largest image body PUT /file and PUT /stage take; a larger declared length is refused with 413 before a byte
    /// is read. The Functions host caps bodies at this size too (it answers a bare 500 above it), so it comes from
    /// the host's own setting, <see cref="HostBodyLimitSetting"/>, where that is set.
    /// </summary>
    [Range(1, long.MaxValue, ErrorMessage = "Glance:Api:MaxRequestBodyBytes (or FUNCTIONS_REQUEST_BODY_SIZE_LIMIT) must be at least 1.")]
    public long MaxRequestBodyBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>The Functions host's request body limit (its default is 100 MB).</summary>
    public const string HostBodyLimitSetting = "FUNCTIONS_REQUEST_BODY_SIZE_LIMIT";

    /// <summary>Whether <paramref name="value"/> can be <see cref="PublicEndpoint"/>.</summary>
    public static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is ("https" or "http");
}
