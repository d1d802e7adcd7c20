using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Identity;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using static Glance.Domain.Policy.MetadefPolicyDefaults;

namespace Glance.Domain.Metadefs;

/// <summary>
/// The namespaces of the metadata definitions catalogue (glance/api/v2/metadef_namespaces.py): each use case finds
/// the namespace (404 when the caller may not see it), checks the rules in Glance's order, then changes it with a
/// compare-and-set, deciding again on fresh state when it loses a race.
/// </summary>
public sealed class MetadefNamespaceService(
    IMetadefNamespaceRepository repository, MetadefPolicy policy, ImageServiceOptions options, TimeProvider clock)
{
    // The same finding and compare-and-set retries as every change of a namespace's contents.
    private readonly MetadefAttempts _attempts = new(repository, policy, options);

    /// <summary>GET /v2/metadefs/namespaces/{name}: the namespace with everything in it.</summary>
    public async Task<NamespaceDetail> GetAsync(Caller caller, string name, CancellationToken cancellationToken = default)
    {
        var found = await repository.FindAsync(name, withContents: true, cancellationToken) ?? throw GlanceErrors.NamespaceNotFound(name);
        // Glance's show words a namespace the caller may not see as webob's bare 404, unlike one that does not exist.
        if (!policy.IsVisible(caller, found.Namespace))
        {
            throw GlanceErrors.ResourceNotFound();
        }
        // get_metadef_namespace hides the namespace, then what it shows must be readable too.
        policy.Enforce(GetNamespace, caller, found.Namespace);
        foreach (var rule in new[] { ListResourceTypes, GetObjects, GetProperties, GetTags })
        {
            policy.Enforce(rule, caller, found.Namespace);
        }
        return found;
    }

    /// <summary>GET /v2/metadefs/namespaces: a page of the namespaces the caller may see, each with its associations.</summary>
    public async Task<NamespacePage> ListAsync(Caller caller, NamespaceListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        policy.Enforce(GetNamespaces, caller);
        policy.Enforce(ListResourceTypes, caller);
        MetadefNamespace? marker = null;
        if (query.Marker is not null)
        {
            var found = await repository.FindAsync(query.Marker, withContents: false, cancellationToken) ?? throw GlanceErrors.NamespaceNotFound(query.Marker);
            marker = policy.IsVisible(caller, found.Namespace) ? found.Namespace : throw GlanceErrors.NamespaceNotVisible(query.Marker);
        }
        var candidates = (await repository.ListAsync(policy.ScopesFor(caller), cancellationToken))
            .Where(ns => query.Visibility is null || ns.Visibility == query.Visibility)
            .ToList();
        var order = NamespaceOrder.For(query.SortKey, query.Ascending);
        candidates.Sort(order);
        var start = marker is null ? 0 : candidates.FindIndex(ns => order(ns, marker) > 0);
        var page = new List<NamespaceDetail>();
        for (var i = start; i >= 0 && i < candidates.Count && page.Count < query.Limit; i++)
        {
            // The copies only choose candidates; what is shown, and whether it still qualifies, is the namespace itself.
            var detail = await repository.ReadListedAsync(candidates[i], cancellationToken);
            if (detail is null
                || !policy.CanGet(caller, detail.Namespace)
                || (query.Visibility is not null && detail.Namespace.Visibility != query.Visibility)
                || (query.ResourceTypes is { Count: > 0 } types && !detail.IsAssociatedWithAny(types)))
            {
                continue;
            }
            page.Add(detail);
        }
        return new NamespacePage(page, page.Count > 0 && page.Count == query.Limit ? page[^1].Namespace.Name : null);
    }

    /// <summary>POST /v2/metadefs/namespaces, with the contents the body gives.</summary>
    public async Task<NamespaceDetail> CreateAsync(Caller caller, NewNamespace request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        policy.Enforce(AddNamespace, caller);
        if (request.Associations.Count > 0)
        {
            policy.Enforce(AddResourceTypeAssociation, caller);
        }
        if (request.Objects.Count > 0)
        {
            policy.Enforce(AddObject, caller);
        }
        if (request.Properties.Count > 0)
        {
            policy.Enforce(AddProperty, caller);
        }
        if (request.Tags.Count > 0)
        {
            policy.Enforce(AddTag, caller);
        }
        EnsureDistinct(request);
        var now = clock.GetUtcNow();
        var ns = new MetadefNamespace(
            Guid.NewGuid().ToString("N"), request.Name, request.DisplayName, request.Description,
            request.Visibility ?? NamespaceVisibility.Private, request.Protected ?? false, request.Owner ?? caller.ProjectId, now, now);
        var created = new NamespaceDetail(
            ns,
            Version: "",
            request.Associations.Select(a => new ResourceTypeAssociation(a.Name, a.Prefix, a.PropertiesTarget, now, now)).ToList(),
            request.Objects.Select(o => new MetadefObject(o.Name, o.Description, o.Required, o.Properties, now, now)).ToList(),
            request.Properties,
            request.Tags.Select(t => new MetadefTag(t, now, now)).ToList());
        if (!await repository.AddAsync(created, MetadefEvents.Created(created, now), cancellationToken))
        {
            throw GlanceErrors.NamespaceExists(request.Name);
        }
        return created;
    }

    /// <summary>PUT /v2/metadefs/namespaces/{name}: the base attributes replaced, the name included.</summary>
    public Task<NamespaceDetail> ReplaceAsync(Caller caller, string name, NamespaceReplacement replacement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        return _attempts.RetryAsync(name, async () =>
        {
            var found = await _attempts.FindAsync(caller, name, withContents: false, cancellationToken);
            policy.Enforce(ModifyNamespace, caller, found.Namespace);
            var now = clock.GetUtcNow();
            var changed = found.Namespace with
            {
                Name = replacement.Name,
                DisplayName = replacement.DisplayName,
                Description = replacement.Description,
                Visibility = replacement.Visibility ?? NamespaceVisibility.Private,
                Protected = replacement.Protected ?? false,
                Owner = replacement.Owner ?? caller.ProjectId,
                UpdatedAt = now,
            };
            if (!await repository.SaveAsync(found, changed, [MetadefEvents.NamespaceUpdate(found.Namespace, changed, now)], cancellationToken))
            {
                throw GlanceErrors.NamespaceRenameTaken(replacement.Name);
            }
            return found with { Namespace = changed };
        }, cancellationToken);
    }

    /// <summary>DELETE /v2/metadefs/namespaces/{name}: the namespace and everything in it, unless protected.</summary>
    public Task DeleteAsync(Caller caller, string name, CancellationToken cancellationToken = default) =>
        _attempts.RetryAsync(name, async () =>
        {
            var found = await _attempts.FindAsync(caller, name, withContents: false, cancellationToken);
            policy.Enforce(DeleteNamespace, caller, found.Namespace);
            if (found.Namespace.Protected)
            {
                throw GlanceErrors.NamespaceProtected(name);
            }
            await repository.DeleteAsync(found, [MetadefEvents.NamespaceDelete(found.Namespace, clock.GetUtcNow())], cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>Glance's tables key contents by namespace and name (tags ignoring case): a repeat in the body is its 409.</summary>
    private static void EnsureDistinct(NewNamespace request)
    {
        if (Repeated(request.Associations.Select(a => a.Name), StringComparer.Ordinal) is { } association)
        {
            throw GlanceErrors.AssociationExists(association, request.Name);
        }
        if (Repeated(request.Objects.Select(o => o.Name), StringComparer.Ordinal) is { } obj)
        {
            throw GlanceErrors.ObjectExists(obj, request.Name);
        }
        if (Repeated(request.Tags, StringComparer.OrdinalIgnoreCase) is { } tag)
        {
            throw GlanceErrors.TagExists(tag, request.Name);
        }
    }

    private static string? Repeated(IEnumerable<string> names, StringComparer comparer)
    {
        var seen = new HashSet<string>(comparer);
        return names.FirstOrDefault(name => !seen.Add(name));
    }
}
