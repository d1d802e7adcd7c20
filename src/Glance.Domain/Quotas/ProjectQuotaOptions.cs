namespace Glance.Domain.Quotas;

/// <summary>
/// Glance's unified limits without Keystone: registered limits become <see cref="Defaults"/>, project limits become
/// <see cref="Projects"/> entries. Everything is unlimited unless configured. Section <c>Glance:Quotas</c>; checked at
/// start (the host refuses a limit that is not a whole number or not one of these names).
/// </summary>
public sealed class ProjectQuotaOptions
{
    public const string SectionName = "Glance:Quotas";

    /// <summary>Limits of every project that has no override (Keystone's registered limits).</summary>
    public ProjectLimits Defaults { get; set; } = new();

    /// <summary>Overrides by project id (Keystone's project limits); project ids are compared exactly, as Glance does.</summary>
    public Dictionary<string, ProjectLimits> Projects { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The limit of <paramref name="project"/> for a <see cref="QuotaResources"/> name; -1 (Keystone's unlimited) when
    /// nothing applies or the value is negative. Images without an owner, and callers without a project, get the defaults.
    /// </summary>
    public long LimitOf(string? project, string resource)
    {
        var configured = (project is not null && Projects.TryGetValue(project, out var own) ? own.Of(resource) : null)
            ?? Defaults.Of(resource);
        return configured is >= 0 ? configured.Value : -1;
    }
}
