using Glance.Domain.Events;
using Glance.Domain.Metadefs;

namespace Glance.Domain.Ports;

/// <summary>
/// Where the metadata definitions catalogue lives. Changes are compare-and-set against the <see cref="NamespaceDetail.Version"/>
/// they were decided on: a lost race throws <see cref="ConcurrencyConflictException"/> and changes nothing. Each change
/// stores the events that report it in the same transaction: they exist if and only if the change committed.
/// </summary>
public interface IMetadefNamespaceRepository
{
    /// <summary>
    /// The namespace named <paramref name="name"/>, with its associations, and with its objects, properties and tags
    /// when <paramref name="withContents"/>; null when no namespace has that name.
    /// </summary>
    Task<NamespaceDetail?> FindAsync(string name, bool withContents, CancellationToken cancellationToken = default);

    /// <summary>
    /// The namespace a listing copy stands for, with its associations, read from the namespace itself; null when it no
    /// longer exists under that name (the copy outlived a crash).
    /// </summary>
    Task<NamespaceDetail?> ReadListedAsync(MetadefNamespace listed, CancellationToken cancellationToken = default);

    /// <summary>Stores a new namespace, its contents and <paramref name="events"/>; false, storing nothing, when the name is taken.</summary>
    Task<bool> AddAsync(NamespaceDetail created, IReadOnlyList<MetadefEvent> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the namespace's attributes (its name included) if nobody changed it since <paramref name="found"/>
    /// was read; false, changing nothing, when a rename's new name is taken.
    /// </summary>
    Task<bool> SaveAsync(NamespaceDetail found, MetadefNamespace changed, IReadOnlyList<MetadefEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Deletes the namespace with everything in it if nobody changed it since <paramref name="found"/> was read.</summary>
    Task DeleteAsync(NamespaceDetail found, IReadOnlyList<MetadefEvent> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes the namespace's contents if nobody changed the namespace (or its contents) since <paramref name="found"/>
    /// was read; new items come after every other in creation order, renamed ones keep their place.
    /// </summary>
    Task SaveContentsAsync(NamespaceDetail found, ContentChanges changes, IReadOnlyList<MetadefEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Every resource type an association has named (adding one registers its resource type), oldest first.</summary>
    Task<IReadOnlyList<ResourceType>> ListResourceTypesAsync(CancellationToken cancellationToken = default);

    /// <summary>The listing copies of every namespace in any of <paramref name="scopes"/>, each once, in no particular order.</summary>
    Task<IReadOnlyList<MetadefNamespace>> ListAsync(IReadOnlyList<NamespaceScope> scopes, CancellationToken cancellationToken = default);
}
