using Glance.Domain.Errors;
using Glance.Domain.Identity;
using Glance.Domain.Metadefs;
using static Glance.Domain.Policy.MetadefPolicyDefaults;

namespace Glance.Domain.Policy;

/// <summary>
/// The metadefs catalogue's authorization, as Glance decides it: the database layer's visibility
/// (glance/db/sqlalchemy/metadef_api/namespace.py _is_namespace_visible) and the metadef rules, checked through the one
/// rule table of <see cref="ImagePolicy"/> (so overrides and admin detection are shared). A caller who may not see a
/// namespace, or may not get_metadef_namespace it, is told it does not exist.
/// </summary>
public sealed class MetadefPolicy(ImagePolicy rules)
{
    /// <summary>An admin, a namespace without owner or public, or one the caller's project owns.</summary>
    public bool IsVisible(Caller caller, MetadefNamespace ns) =>
        rules.IsAdmin(caller) || ns.Owner is null || ns.IsPublic || (caller.ProjectId is not null && ns.Owner == caller.ProjectId);

    public bool CanGet(Caller caller, MetadefNamespace ns) => IsVisible(caller, ns) && Check(GetNamespace, caller, ns);

    /// <summary>
    /// glance/api/v2/policy.py MetadefAPIPolicy._enforce: a failed rule is 404 when the caller may not
    /// get_metadef_namespace either, else 403. Without a namespace the rules see the caller's own project.
    /// </summary>
    public void Enforce(string rule, Caller caller, MetadefNamespace? ns = null)
    {
        if (Check(rule, caller, ns))
        {
            return;
        }
        if (rule == GetNamespace || !Check(GetNamespace, caller, ns))
        {
            throw GlanceErrors.ResourceNotFound();
        }
        throw GlanceErrors.ActionNotAuthorized(rule);
    }

    /// <summary>Whether <paramref name="rule"/> passes, without failing: Glance filters lists by some rules.</summary>
    public bool Allows(string rule, Caller caller, MetadefNamespace ns) => Check(rule, caller, ns);

    /// <summary>Which listing copies hold what the caller may see: everything for an admin, else the public ones and its project's.</summary>
    public IReadOnlyList<NamespaceScope> ScopesFor(Caller caller) =>
        rules.IsAdmin(caller) ? [NamespaceScope.All]
        : caller.ProjectId is null ? [NamespaceScope.Public]
        : [NamespaceScope.Public, NamespaceScope.OwnedBy(caller.ProjectId)];

    private bool Check(string rule, Caller caller, MetadefNamespace? ns) => rules.Check(rule, caller, Target(caller, ns));

    private static PolicyTarget Target(Caller caller, MetadefNamespace? ns) => ns is null
        ? PolicyTarget.ForProject(caller.ProjectId)
        : new PolicyTarget(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["project_id"] = ns.Owner,
            ["visibility"] = ns.Visibility,
        });
}
