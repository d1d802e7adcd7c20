using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Identity;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using static Glance.Domain.Policy.MetadefPolicyDefaults;

namespace Glance.Domain.Metadefs;

/// <summary>
/// A namespace's property definitions (glance/api/v2/metadef_properties.py), found with the namespace and changed in
/// one compare-and-set with it. A definition is the JSON-schema fragment the request parser checked; Glance keeps the
/// body as sent, name included, and so do we.
/// </summary>
public sealed class MetadefPropertyService(IMetadefNamespaceRepository repository, MetadefPolicy policy, MetadefAttempts attempts, TimeProvider clock)
{
    public async Task<IReadOnlyList<MetadefPropertyDefinition>> ListAsync(Caller caller, string ns, CancellationToken cancellationToken = default)
    {
        var found = await attempts.FindAsync(caller, ns, withContents: true, cancellationToken);
        policy.Enforce(GetProperties, caller, found.Namespace);
        return found.Properties;
    }

    /// <param name="resourceType">
    /// Names a resource type the namespace is associated with: <paramref name="name"/> then carries that association's
    /// prefix, which is taken off to find the definition.
    /// </param>
    public async Task<MetadefPropertyDefinition> GetAsync(Caller caller, string ns, string name, string? resourceType, CancellationToken cancellationToken = default)
    {
        var found = await attempts.FindAsync(caller, ns, withContents: true, cancellationToken);
        policy.Enforce(GetProperty, caller, found.Namespace);
        if (!string.IsNullOrEmpty(resourceType))
        {
            policy.Enforce(GetResourceType, caller, found.Namespace);
            var association = found.Associations.FirstOrDefault(a => a.Name == resourceType)
                ?? throw GlanceErrors.AssociationNotFound(resourceType, ns);
            name = association.Prefix is { Length: > 0 } prefix && name.StartsWith(prefix, StringComparison.Ordinal)
                ? name[prefix.Length..]
                : throw GlanceErrors.PropertyWithoutPrefix(name, association.Prefix);
        }
        return Find(found, name);
    }

    public Task<MetadefPropertyDefinition> CreateAsync(Caller caller, string ns, MetadefPropertyDefinition property, CancellationToken cancellationToken = default) =>
        attempts.RetryAsync(ns, async () =>
        {
            ArgumentNullException.ThrowIfNull(property);
            var found = await attempts.FindAsync(caller, ns, withContents: true, cancellationToken);
            policy.Enforce(AddProperty, caller, found.Namespace);
            if (found.Properties.Any(p => p.Name == property.Name))
            {
                throw GlanceErrors.PropertyExists(property.Name, ns);
            }
            await repository.SaveContentsAsync(found, new ContentChanges { AddedProperties = [property] },
                [MetadefEvents.PropertyCreate(found.Namespace.Name, property, clock.GetUtcNow())], cancellationToken);
            return property;
        }, cancellationToken);

    /// <summary>PUT: the definition replaced by the body, the name included.</summary>
    public Task<MetadefPropertyDefinition> ReplaceAsync(Caller caller, string ns, string name, MetadefPropertyDefinition property, CancellationToken cancellationToken = default) =>
        attempts.RetryAsync(ns, async () =>
        {
            ArgumentNullException.ThrowIfNull(property);
            var found = await attempts.FindAsync(caller, ns, withContents: true, cancellationToken);
            policy.Enforce(ModifyProperty, caller, found.Namespace);
            var current = Find(found, name);
            if (property.Name != current.Name && found.Properties.Any(p => p.Name == property.Name))
            {
                throw GlanceErrors.PropertyRenameTaken(current.Name, ns);
            }
            await repository.SaveContentsAsync(found, new ContentChanges { ReplacedProperties = [new(current.Name, property)] },
                [MetadefEvents.PropertyUpdate(found.Namespace.Name, current, property, clock.GetUtcNow())], cancellationToken);
            return property;
        }, cancellationToken);

    public Task DeleteAsync(Caller caller, string ns, string name, CancellationToken cancellationToken = default) =>
        attempts.RemoveAsync(caller, ns, RemoveProperty, found => Find(found, name), p => GlanceErrors.PropertyProtected(p.Name),
            p => new ContentChanges { RemovedProperties = [p.Name] }, (ns, p) => MetadefEvents.PropertyDelete(ns, p, clock.GetUtcNow()), cancellationToken);

    /// <summary>DELETE /properties: Glance checks only the namespace's delete rule, and its protection.</summary>
    public Task DeleteAllAsync(Caller caller, string ns, CancellationToken cancellationToken = default) =>
        attempts.EmptyAsync(caller, ns, new ContentChanges { RemoveAllProperties = true }, n => MetadefEvents.PropertiesDelete(n, clock.GetUtcNow()), cancellationToken);

    private static MetadefPropertyDefinition Find(NamespaceDetail found, string name) =>
        found.Properties.FirstOrDefault(p => p.Name == name) ?? throw GlanceErrors.PropertyNotFound(name);
}
