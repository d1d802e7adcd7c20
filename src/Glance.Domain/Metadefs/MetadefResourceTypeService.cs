using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Identity;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using static Glance.Domain.Policy.MetadefPolicyDefaults;

namespace Glance.Domain.Metadefs;

/// <summary>
/// Resource types and a namespace's associations with them (glance/api/v2/metadef_resource_types.py). An association
/// is changed in one compare-and-set with its namespace; the resource type it names is registered first, and stays.
/// </summary>
public sealed class MetadefResourceTypeService(IMetadefNamespaceRepository repository, MetadefPolicy policy, MetadefAttempts attempts, TimeProvider clock)
{
    /// <summary>GET /v2/metadefs/resource_types: every resource type any association ever named.</summary>
    public async Task<IReadOnlyList<ResourceType>> ListAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        policy.Enforce(ListResourceTypes, caller);
        return await repository.ListResourceTypesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ResourceTypeAssociation>> ListAssociationsAsync(Caller caller, string ns, CancellationToken cancellationToken = default)
    {
        var found = await attempts.FindAsync(caller, ns, withContents: false, cancellationToken);
        policy.Enforce(ListResourceTypes, caller, found.Namespace);
        // Zed keeps the associations get_metadef_resource_type allows, a rule on the namespace: all or none.
        return policy.Allows(GetResourceType, caller, found.Namespace) ? found.Associations : [];
    }

    public Task<ResourceTypeAssociation> AssociateAsync(Caller caller, string ns, NewAssociation request, CancellationToken cancellationToken = default) =>
        attempts.RetryAsync(ns, async () =>
        {
            ArgumentNullException.ThrowIfNull(request);
            var found = await attempts.FindAsync(caller, ns, withContents: false, cancellationToken);
            policy.Enforce(AddResourceTypeAssociation, caller, found.Namespace);
            if (found.Associations.Any(a => a.Name == request.Name))
            {
                throw GlanceErrors.AssociationExists(request.Name, ns);
            }
            var now = clock.GetUtcNow();
            var association = new ResourceTypeAssociation(request.Name, request.Prefix, request.PropertiesTarget, now, now);
            await repository.SaveContentsAsync(found, new ContentChanges { AddedAssociations = [association] },
                [MetadefEvents.ResourceTypeCreate(found.Namespace.Name, association, now)], cancellationToken);
            return association;
        }, cancellationToken);

    public Task DissociateAsync(Caller caller, string ns, string resourceType, CancellationToken cancellationToken = default) =>
        attempts.RetryAsync(ns, async () =>
        {
            var found = await attempts.FindAsync(caller, ns, withContents: false, cancellationToken);
            policy.Enforce(RemoveResourceTypeAssociation, caller, found.Namespace);
            var association = found.Associations.FirstOrDefault(a => a.Name == resourceType)
                ?? throw GlanceErrors.AssociationToDeleteNotFound(resourceType);
            if (found.Namespace.Protected)
            {
                throw GlanceErrors.AssociationProtected(association.Name);
            }
            await repository.SaveContentsAsync(found, new ContentChanges { RemovedAssociations = [association.Name] },
                [MetadefEvents.ResourceTypeDelete(found.Namespace.Name, association, clock.GetUtcNow())], cancellationToken);
            return true;
        }, cancellationToken);
}
