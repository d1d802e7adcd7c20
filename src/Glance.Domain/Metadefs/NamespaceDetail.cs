namespace Glance.Domain.Metadefs;

/// <summary>
/// A namespace as read from its partition, with what it holds in creation order (Glance's order). <see cref="Version"/>
/// is the namespace row's version: a change carries it back and fails if someone changed the namespace meanwhile.
/// Objects, properties and tags are empty when the read left them out.
/// </summary>
public sealed record NamespaceDetail(
    MetadefNamespace Namespace,
    string Version,
    IReadOnlyList<ResourceTypeAssociation> Associations,
    IReadOnlyList<MetadefObject> Objects,
    IReadOnlyList<MetadefPropertyDefinition> Properties,
    IReadOnlyList<MetadefTag> Tags)
{
    public bool IsAssociatedWithAny(IReadOnlyCollection<string> resourceTypes) =>
        Associations.Any(a => resourceTypes.Contains(a.Name));
}
