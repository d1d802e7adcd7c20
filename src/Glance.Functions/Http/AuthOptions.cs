using System.ComponentModel.DataAnnotations;

namespace Glance.Functions.Http;

/// <summary>How callers are identified. Section <c>Glance:Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Glance:Auth";

    /// <summary>
    /// <c>trusted</c>: identity from the headers keystonemiddleware sets (X-Identity-Status: Confirmed,
    /// X-Project-Id, X-User-Id, X-Roles), for a service behind a validating proxy or for tests.
    /// <c>noauth</c>: requests without those headers act as an admin with no project (Glance's noauth), which is
    /// what the OpenStack CLIs need without Keystone; requests with them are identified as in trusted mode.
    /// Both are for local development: the service refuses to start with them in Azure.
    /// </summary>
    [Required]
    [RegularExpression("^(trusted|noauth)$", ErrorMessage = "Glance:Auth:Mode must be 'trusted' or 'noauth'.")]
    public string Mode { get; set; } = "";

    public bool IsNoAuth => Mode == "noauth";
}
