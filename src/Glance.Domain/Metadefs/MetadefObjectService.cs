using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Identity;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using static Glance.Domain.Policy.MetadefPolicyDefaults;

namespace Glance.Domain.Metadefs;

/// <summary>
/// A namespace's objects (glance/api/v2/metadef_objects.py): found with the namespace, checked against the rule, and
/// changed in one compare-and-set with it. Zed lists every object in its database's order (by name) whatever the query asks.
/// </summary>
public sealed class MetadefObjectService(IMetadefNamespaceRepository repository, MetadefPolicy policy, MetadefAttempts attempts, TimeProvider clock)
{
    public async Task<IReadOnlyList<MetadefObject>> ListAsync(Caller caller, string ns, CancellationToken cancellationToken = default)
    {
        var found = await attempts.FindAsync(caller, ns, withContents: true, cancellationToken, databaseWordsMissing: true);
        policy.Enforce(GetObjects, caller, found.Namespace);
        // Zed then keeps the objects get_metadef_object allows, a rule on the namespace: all of them or none.
        return policy.Allows(GetObject, caller, found.Namespace) ? found.Objects : [];
    }

    public async Task<MetadefObject> GetAsync(Caller caller, string ns, string name, CancellationToken cancellationToken = default)
    {
        var found = await attempts.FindAsync(caller, ns, withContents: true, cancellationToken, databaseWordsMissing: true);
        policy.Enforce(GetObject, caller, found.Namespace);
        return Find(found, name);
    }

    public Task<MetadefObject> CreateAsync(Caller caller, string ns, NewObject request, CancellationToken cancellationToken = default) =>
        attempts.RetryAsync(ns, async () =>
        {
            ArgumentNullException.ThrowIfNull(request);
            var found = await attempts.FindAsync(caller, ns, withContents: true, cancellationToken, databaseWordsMissing: true);
            policy.Enforce(AddObject, caller, found.Namespace);
            if (found.Objects.Any(o => o.Name == request.Name))
            {
                throw GlanceErrors.ObjectExists(request.Name, ns);
            }
            var now = clock.GetUtcNow();
            var created = new MetadefObject(request.Name, request.Description, request.Required, request.Properties, now, now);
            await repository.SaveContentsAsync(found, new ContentChanges { AddedObjects = [created] }, [MetadefEvents.ObjectCreate(found.Namespace.Name, created, now)],
                cancellationToken);
            return created;
        }, cancellationToken);

    /// <summary>PUT: every attribute replaced by the body's (what it leaves out is gone), the name included.</summary>
    public Task<MetadefObject> ReplaceAsync(Caller caller, string ns, string name, NewObject replacement, CancellationToken cancellationToken = default) =>
        attempts.RetryAsync(ns, async () =>
        {
            ArgumentNullException.ThrowIfNull(replacement);
            var found = await attempts.FindAsync(caller, ns, withContents: true, cancellationToken, databaseWordsMissing: true);
            policy.Enforce(ModifyObject, caller, found.Namespace);
            var current = Find(found, name);
            if (replacement.Name != current.Name && found.Objects.Any(o => o.Name == replacement.Name))
            {
                throw GlanceErrors.ObjectRenameTaken(current.Name, ns);
            }
            var now = clock.GetUtcNow();
            var replaced = current with
            {
                Name = replacement.Name,
                Description = replacement.Description,
                Required = replacement.Required,
                Properties = replacement.Properties,
                UpdatedAt = now,
            };
            await repository.SaveContentsAsync(found, new ContentChanges { ReplacedObjects = [new(current.Name, replaced)] },
                [MetadefEvents.ObjectUpdate(found.Namespace.Name, current, replaced, now)], cancellationToken);
            return replaced;
        }, cancellationToken);

    public Task DeleteAsync(Caller caller, string ns, string name, CancellationToken cancellationToken = default) =>
        attempts.RemoveAsync(caller, ns, DeleteObject, found => Find(found, name), o => GlanceErrors.ObjectProtected(o.Name),
            o => new ContentChanges { RemovedObjects = [o.Name] }, (ns, o) => MetadefEvents.ObjectDelete(ns, o, clock.GetUtcNow()), cancellationToken,
            databaseWordsMissing: true);

    /// <summary>DELETE /objects: Glance checks only the namespace's delete rule, and its protection.</summary>
    public Task DeleteAllAsync(Caller caller, string ns, CancellationToken cancellationToken = default) =>
        attempts.EmptyAsync(caller, ns, new ContentChanges { RemoveAllObjects = true }, n => MetadefEvents.ObjectsDelete(n, clock.GetUtcNow()), cancellationToken);

    private static MetadefObject Find(NamespaceDetail found, string name) =>
        found.Objects.FirstOrDefault(o => o.Name == name) ?? throw GlanceErrors.ObjectNotFound(name);
}
