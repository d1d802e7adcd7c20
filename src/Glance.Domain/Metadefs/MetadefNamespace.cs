namespace Glance.Domain.Metadefs;

/// <summary>
/// A namespace of the metadata definitions catalogue, as stored: <see cref="Id"/> is ours (never shown, as Glance's
/// database id is not), <see cref="Name"/> is what clients call the namespace and may change through PUT.
/// </summary>
public sealed record MetadefNamespace(
    string Id,
    string Name,
    string? DisplayName,
    string? Description,
    string Visibility,
    bool Protected,
    string? Owner,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public bool IsPublic => Visibility == NamespaceVisibility.Public;
}
