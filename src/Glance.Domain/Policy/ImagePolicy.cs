using Glance.Domain.Errors;
using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Members;
using Glance.Domain.Tasks;
using static Glance.Domain.Policy.ImagePolicyDefaults;

namespace Glance.Domain.Policy;

/// <summary>
/// Every authorization decision, in one place: Glance's policy rules (<see cref="ImagePolicyDefaults"/>, overridden
/// by name from configuration), the visibility and ownership checks Glance's database layer makes, and property
/// protections. Use cases call it explicitly, in Glance's order. A caller who may not see an image gets 404, never
/// 403, as Glance's ImageAPIPolicy hides existence.
/// </summary>
public sealed class ImagePolicy
{
    private readonly IReadOnlyDictionary<string, PolicyRule> _rules;

    /// <param name="overrides">Rules by policy name, in oslo.policy's language; they replace defaults of that name or add rules.</param>
    /// <param name="properties">Property protections; <see cref="PropertyProtections.None"/> when null.</param>
    /// <exception cref="FormatException">
    /// A rule cannot be read, refers to a rule that does not exist, rules refer to each other in a cycle, or an
    /// override names a rule nothing uses.
    /// </exception>
    public ImagePolicy(IReadOnlyDictionary<string, string>? overrides = null, PropertyProtections? properties = null)
    {
        var texts = new Dictionary<string, string>(DefaultRules, StringComparer.Ordinal);
        foreach (var (name, text) in overrides ?? new Dictionary<string, string>())
        {
            texts[name] = text;
        }
        var rules = texts.ToDictionary(p => p.Key, p => Parse(p.Key, p.Value), StringComparer.Ordinal);
        EnsureReferencesResolve(rules);
        Properties = properties ?? PropertyProtections.None;
        foreach (var name in Properties.PolicyNames.Where(n => !rules.ContainsKey(n)))
        {
            throw new FormatException($"Property protection rules name the policy '{name}', which is not defined.");
        }
        // A name nothing checks is most likely a misspelt policy; oslo.policy would ignore it silently.
        var referenced = rules.Values.SelectMany(r => r.References).Concat(Properties.PolicyNames).ToHashSet(StringComparer.Ordinal);
        foreach (var name in texts.Keys.Where(n => !DefaultRules.ContainsKey(n) && !referenced.Contains(n)))
        {
            throw new FormatException($"Policy '{name}' is not a rule this service checks, and no rule or property protection refers to it.");
        }
        _rules = rules;
    }

    /// <summary>Every rule this service checks: the image rules and the metadefs catalogue's, one table for overrides.</summary>
    private static readonly IReadOnlyDictionary<string, string> DefaultRules =
        ImagePolicyDefaults.Rules.Concat(MetadefPolicyDefaults.Rules).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public static ImagePolicy Default { get; } = new();

    public PropertyProtections Properties { get; }

    /// <summary>Whether the named rule passes; a name that is not in the table fails, as in oslo.policy.</summary>
    public bool Check(string name, Caller caller, PolicyTarget target)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(target);
        return new PolicyEvaluation(new PolicyCredentials(caller), target, _rules).EvaluateRule(name);
    }

    /// <summary>Glance's context.is_admin: the context_is_admin rule, which the database layer's checks use.</summary>
    public bool IsAdmin(Caller caller) => Check(ContextIsAdmin, caller, PolicyTarget.ForProject(caller.ProjectId));

    /// <summary>glance/db/utils.py is_image_visible: a member of a shared image sees it whatever its member status.</summary>
    public bool IsVisible(Caller caller, Image image, ImageMember? membership) =>
        IsAdmin(caller)
        || image.Owner is null
        || image.Visibility is ImageVisibility.Public or ImageVisibility.Community
        || (caller.ProjectId is not null && image.Owner == caller.ProjectId)
        || (image.Visibility == ImageVisibility.Shared && membership is not null && membership.MemberId == caller.ProjectId);

    /// <summary>
    /// glance/db/sqlalchemy/api.py _is_task_visible: an admin, the project that started the task, or anyone when the
    /// task has no owner. A task's input, user and request id belong to whoever started it, not to everyone who may
    /// see the image (members of a shared image, community viewers get an empty list).
    /// </summary>
    public bool IsTaskVisible(Caller caller, ImageTask task) =>
        IsAdmin(caller) || task.Owner is null || (caller.ProjectId is not null && task.Owner == caller.ProjectId);

    /// <summary>The database's lookup: an image the caller cannot see does not exist for it.</summary>
    public void EnsureVisible(Caller caller, Image image, ImageMember? membership)
    {
        if (image.IsDeleted || !IsVisible(caller, image, membership))
        {
            throw GlanceErrors.ImageNotFound(image.Id);
        }
    }

    /// <summary>
    /// Who may know of a deleted image (ours: Glance shows deleted images to no one): an admin, or its owning project.
    /// Members and viewers of a public image lose sight of it when it is deleted, as in Glance.
    /// </summary>
    public bool CanSeeDeleted(Caller caller, Image image) =>
        image.IsDeleted && (IsAdmin(caller) || (caller.ProjectId is not null && image.Owner == caller.ProjectId));

    /// <summary>
    /// glance/db/sqlalchemy/api.py is_image_mutable, which every save checks whatever the rules say: an admin, or
    /// the owning project.
    /// </summary>
    public void EnsureMutable(Caller caller, Image image)
    {
        if (!IsAdmin(caller) && (image.Owner is null || caller.ProjectId is null || image.Owner != caller.ProjectId))
        {
            throw GlanceErrors.NotImageOwner();
        }
    }

    /// <summary>
    /// glance/api/v2/policy.py ImageAPIPolicy._enforce, for an image the caller found: a failed rule is 404 when the
    /// caller may not get_image either, else 403.
    /// </summary>
    public void Enforce(string name, Caller caller, Image image)
    {
        var target = PolicyTarget.ForImage(image, caller);
        if (Check(name, caller, target))
        {
            return;
        }
        if (name == GetImage || !Check(GetImage, caller, target))
        {
            throw GlanceErrors.ResourceNotFound();
        }
        throw GlanceErrors.ActionNotAuthorized(name);
    }

    /// <summary>The member rules (MemberAPIPolicy): get_image first (404), then the member rule itself (403).</summary>
    public void EnforceMember(string name, Caller caller, Image image)
    {
        Enforce(GetImage, caller, image);
        if (!Check(name, caller, PolicyTarget.ForImage(image, caller)))
        {
            throw GlanceErrors.ActionNotAuthorized(name);
        }
    }

    /// <summary>
    /// add_image (failed for a caller that <see cref="CanOwnImages">cannot own images</see>), then the visibility's own
    /// rule; nothing is hidden yet, so failures are 403.
    /// </summary>
    public void EnforceCreate(Caller caller, string? owner, string? visibility)
    {
        var target = PolicyTarget.ForNewImage(owner, visibility);
        if (!CanOwnImages(caller) || !Check(AddImage, caller, target))
        {
            throw owner != caller.ProjectId ? GlanceErrors.CannotCreateForOwner(owner) : GlanceErrors.ActionNotAuthorized(AddImage);
        }
        EnforceVisibility(caller, target, visibility);
    }

    /// <summary>
    /// A caller without a project (a token scoped to a domain or the system, a JWT without the project claim, trusted
    /// headers without X-Project-Id) would create an ownerless image that only an admin could change afterwards.
    /// Glance with enforce_scope fails add_image for such tokens, with the same 403s; here that holds whatever the
    /// rules say and in every auth mode. Admins keep creating without a project (the image has no owner unless they
    /// name one), as Glance's noauth mode and a context without any scope do, so this service's noauth mode works.
    /// </summary>
    public bool CanOwnImages(Caller caller) => caller.ProjectId is not null || IsAdmin(caller);

    /// <summary>Setting an image's visibility (PATCH): publicize_image or communitize_image, 403 without masking.</summary>
    public void EnforceVisibility(Caller caller, Image image, string? visibility) =>
        EnforceVisibility(caller, PolicyTarget.ForImage(image, caller), visibility);

    /// <summary>get_images, checked against the caller's own project.</summary>
    public void EnforceList(Caller caller)
    {
        if (!Check(GetImages, caller, PolicyTarget.ForProject(caller.ProjectId)))
        {
            throw GlanceErrors.ActionNotAuthorized(GetImages);
        }
    }

    /// <summary>A rule with no image behind it (the tasks API's), checked against the caller's own project; 403 when it fails.</summary>
    public void EnforceForProject(string name, Caller caller)
    {
        if (!Check(name, caller, PolicyTarget.ForProject(caller.ProjectId)))
        {
            throw GlanceErrors.ActionNotAuthorized(name);
        }
    }

    /// <summary>Glance filters every listed image through get_image.</summary>
    public bool CanGet(Caller caller, Image image) => Check(GetImage, caller, PolicyTarget.ForImage(image, caller));

    /// <summary>Whether property protections let the caller do this to an extra property.</summary>
    public bool AllowsProperty(Caller caller, string property, PropertyOperation operation) =>
        Properties.Allows(caller, property, operation, name => Check(name, caller, PolicyTarget.Empty));

    /// <summary>Refuses a change to an extra property as Glance does (ReservedProperty, 403).</summary>
    public void EnsurePropertyAllowed(Caller caller, string property, PropertyOperation operation)
    {
        if (!AllowsProperty(caller, property, operation))
        {
            throw GlanceErrors.AttributeReserved(property);
        }
    }

    /// <summary>
    /// The image as this caller may see it: without the extra properties it may not read. The same instance when
    /// nothing is hidden; otherwise a copy, so the stored image keeps them.
    /// </summary>
    public Image ViewFor(Caller caller, Image image)
    {
        if (!Properties.IsEnabled)
        {
            return image;
        }
        var readable = image.ExtraProperties.Where(p => AllowsProperty(caller, p.Key, PropertyOperation.Read)).ToList();
        return readable.Count == image.ExtraProperties.Count
            ? image
            : Image.Restore(image.ToSnapshot() with { ExtraProperties = readable });
    }

    private void EnforceVisibility(Caller caller, PolicyTarget target, string? visibility)
    {
        var rule = visibility switch
        {
            ImageVisibility.Public => PublicizeImage,
            ImageVisibility.Community => CommunitizeImage,
            _ => null,
        };
        if (rule is not null && !Check(rule, caller, target))
        {
            throw GlanceErrors.ActionNotAuthorized(rule);
        }
    }

    private static PolicyRule Parse(string name, string text)
    {
        try
        {
            return PolicyRuleParser.Parse(text);
        }
        catch (FormatException e)
        {
            throw new FormatException($"Policy '{name}': {e.Message}", e);
        }
    }

    private static void EnsureReferencesResolve(IReadOnlyDictionary<string, PolicyRule> rules)
    {
        // Depth-first over rule:name references: every name must exist and no rule may reach itself.
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        void Visit(string name)
        {
            if (done.Contains(name))
            {
                return;
            }
            if (path.Contains(name))
            {
                throw new FormatException($"Policy rules refer to each other in a cycle: {string.Join(" -> ", path.Append(name))}.");
            }
            path.Add(name);
            foreach (var reference in rules[name].References)
            {
                if (!rules.ContainsKey(reference))
                {
                    throw new FormatException($"Policy rule '{name}' refers to rule:{reference}, which is not defined.");
                }
                Visit(reference);
            }
            path.RemoveAt(path.Count - 1);
            done.Add(name);
        }
        foreach (var name in rules.Keys)
        {
            Visit(name);
        }
    }
}
