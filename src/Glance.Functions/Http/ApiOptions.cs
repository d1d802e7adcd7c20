using System.ComponentModel.DataAnnotations;

namespace Glance.Functions.Http;

/// <summary>HTTP-level limits. Section <c>Glance:Api</c>.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Glance:Api";

    /// <summary>Largest JSON request body accepted; larger ones get 413.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxJsonBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// The base URL clients reach the service at (Glance's public_endpoint), used in the versions document and
    /// Location headers. Empty: taken from the request's scheme and Host.
    /// </summary>
    public string? PublicEndpoint { get; set; }
}
