namespace Glance.Domain.Metadefs;

/// <summary>
/// A change of a namespace's contents, decided on what was read and written in one compare-and-set with the namespace
/// row: rows removed (by name), added, or replaced. A replacement under another name is a rename: the item keeps its
/// place in Glance's creation order. <see cref="RemoveAllTags"/> and the like empty a kind first.
/// </summary>
public sealed record ContentChanges
{
    public bool RemoveAllTags { get; init; }
    public IReadOnlyList<string> RemovedTags { get; init; } = [];
    public IReadOnlyList<MetadefTag> AddedTags { get; init; } = [];
    public IReadOnlyList<Replacement<MetadefTag>> ReplacedTags { get; init; } = [];

    public bool RemoveAllObjects { get; init; }
    public IReadOnlyList<string> RemovedObjects { get; init; } = [];
    public IReadOnlyList<MetadefObject> AddedObjects { get; init; } = [];
    public IReadOnlyList<Replacement<MetadefObject>> ReplacedObjects { get; init; } = [];

    public bool RemoveAllProperties { get; init; }
    public IReadOnlyList<string> RemovedProperties { get; init; } = [];
    public IReadOnlyList<MetadefPropertyDefinition> AddedProperties { get; init; } = [];
    public IReadOnlyList<Replacement<MetadefPropertyDefinition>> ReplacedProperties { get; init; } = [];

    public IReadOnlyList<string> RemovedAssociations { get; init; } = [];
    public IReadOnlyList<ResourceTypeAssociation> AddedAssociations { get; init; } = [];
}
