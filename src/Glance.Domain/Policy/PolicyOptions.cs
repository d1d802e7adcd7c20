namespace Glance.Domain.Policy;

/// <summary>
/// Rule overrides and property protections. Section <c>Glance:Policy</c>. Everything is optional: without it the
/// service runs Glance's default rules (<see cref="ImagePolicyDefaults"/>) and no property protections.
/// </summary>
public sealed class PolicyOptions
{
    public const string SectionName = "Glance:Policy";

    /// <summary>
    /// Rules by policy name in oslo.policy's language (Glance's policy.yaml), replacing the default of that name or
    /// adding a rule other rules or property protections refer to; e.g. <c>Glance:Policy:Rules:publicize_image</c> =
    /// <c>role:admin or role:image_publisher</c>.
    /// </summary>
    public Dictionary<string, string> Rules { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A property protection file (Glance's property_protection_file); relative paths are from the app's folder.</summary>
    public string? PropertyProtectionFile { get; set; }

    /// <summary>The same rules written inline, for hosts where shipping a file is awkward; not both.</summary>
    public string? PropertyProtections { get; set; }

    /// <summary>What the protection rules name: roles (default) or policies (Glance's property_protection_rule_format).</summary>
    public PropertyProtectionRuleFormat PropertyProtectionRuleFormat { get; set; } = PropertyProtectionRuleFormat.Roles;
}
