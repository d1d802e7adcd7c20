namespace Glance.Domain.Policy;

/// <summary>Glance's property_protection_rule_format: what the values of a property protection file name.</summary>
public enum PropertyProtectionRuleFormat
{
    /// <summary>Comma-separated roles (the default).</summary>
    Roles,

    /// <summary>One policy rule name each, looked up in the policy table (<c>Glance:Policy:Rules</c> or a default).</summary>
    Policies,
}
