using System.Text.RegularExpressions;
using Glance.Domain.Identity;

namespace Glance.Domain.Policy;

/// <summary>
/// Glance's property protections (glance/common/property_utils.py): who may create, read, update and delete which
/// extra properties. Each section of the file is a regular expression searched for in the property name; the first
/// section that matches decides; a property no section matches is denied every operation. A value lists roles
/// (or, with <see cref="PropertyProtectionRuleFormat.Policies"/>, names one policy rule); <c>@</c> allows everyone,
/// <c>!</c> no one, and an empty value no one. Off unless configured (<see cref="None"/>).
/// </summary>
public sealed class PropertyProtections
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly string[] OperationKeys = ["create", "read", "update", "delete"];

    private readonly IReadOnlyList<(Regex Pattern, IReadOnlyList<string>[] Permissions)> _rules;

    private PropertyProtections(bool isEnabled, PropertyProtectionRuleFormat format, IReadOnlyList<(Regex, IReadOnlyList<string>[])> rules)
    {
        IsEnabled = isEnabled;
        Format = format;
        _rules = rules;
    }

    /// <summary>No protections: every caller may do anything to any extra property (Glance without a file).</summary>
    public static PropertyProtections None { get; } = new(false, PropertyProtectionRuleFormat.Roles, []);

    public bool IsEnabled { get; }

    public PropertyProtectionRuleFormat Format { get; }

    /// <summary>The policy names a <see cref="PropertyProtectionRuleFormat.Policies"/> file refers to.</summary>
    public IEnumerable<string> PolicyNames => Format == PropertyProtectionRuleFormat.Policies
        ? _rules.SelectMany(r => r.Permissions).SelectMany(p => p).Where(p => p is not ("@" or "!")).Distinct()
        : [];

    /// <summary>
    /// Reads a property protection file. Refuses what Glance refuses (a section missing one of the four keys, a
    /// pattern that is not a regular expression, <c>@</c> with <c>!</c>, several policies for one operation), so a
    /// broken file stops the service at start instead of failing every request as Glance does.
    /// </summary>
    public static PropertyProtections Parse(string text, PropertyProtectionRuleFormat format)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rules = new List<(Regex, IReadOnlyList<string>[])>();
        foreach (var (section, values) in IniDocument.Parse(text).Sections)
        {
            Regex pattern;
            try
            {
                pattern = new Regex(section, RegexOptions.CultureInvariant, MatchTimeout);
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"Property protection rules: [{section}] is not a regular expression: {e.Message}");
            }
            var permissions = new IReadOnlyList<string>[OperationKeys.Length];
            for (var i = 0; i < OperationKeys.Length; i++)
            {
                if (!values.TryGetValue(OperationKeys[i], out var value))
                {
                    throw new FormatException($"Property protection rules: [{section}] has no '{OperationKeys[i]}' (an empty value denies everyone).");
                }
                permissions[i] = Permissions(section, OperationKeys[i], value, format);
            }
            rules.Add((pattern, permissions));
        }
        return new PropertyProtections(true, format, rules);
    }

    /// <param name="checkPolicy">Evaluates a named policy rule for the caller (Policies format only).</param>
    internal bool Allows(Caller caller, string property, PropertyOperation operation, Func<string, bool> checkPolicy)
    {
        if (!IsEnabled || _rules.Count == 0)
        {
            return true;
        }
        foreach (var (pattern, permissions) in _rules)
        {
            if (!pattern.IsMatch(property))
            {
                continue;
            }
            var allowed = permissions[(int)operation];
            if (allowed.Count == 0 || allowed.Contains("!"))
            {
                return false;
            }
            if (allowed.Contains("@"))
            {
                return true;
            }
            return Format == PropertyProtectionRuleFormat.Policies
                ? checkPolicy(allowed[0])
                : caller.Roles.Any(role => allowed.Contains(role.ToLowerInvariant()));
        }
        return false;
    }

    private static IReadOnlyList<string> Permissions(string section, string operation, string value, PropertyProtectionRuleFormat format)
    {
        if (value.Length == 0)
        {
            return [];
        }
        if (format == PropertyProtectionRuleFormat.Policies)
        {
            return value.Contains(',', StringComparison.Ordinal)
                ? throw new FormatException($"Property protection rules: [{section}] {operation} names several policies; combine them in one policy rule.")
                : [value];
        }
        var roles = value.Split(',', StringSplitOptions.TrimEntries).Select(r => r.ToLowerInvariant()).ToList();
        return roles.Contains("@") && roles.Contains("!")
            ? throw new FormatException($"Property protection rules: [{section}] {operation}: '@' and '!' are mutually exclusive.")
            : roles;
    }
}
