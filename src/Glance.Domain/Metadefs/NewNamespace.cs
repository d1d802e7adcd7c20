namespace Glance.Domain.Metadefs;

/// <summary>
/// A namespace to create, as the request gave it: unset attributes are null and take Glance's defaults (private,
/// unprotected, the caller's project); the contents are created with it.
/// </summary>
public sealed record NewNamespace(
    string Name,
    string? DisplayName = null,
    string? Description = null,
    string? Visibility = null,
    bool? Protected = null,
    string? Owner = null)
{
    public IReadOnlyList<NewAssociation> Associations { get; init; } = [];
    public IReadOnlyList<NewObject> Objects { get; init; } = [];
    public IReadOnlyList<MetadefPropertyDefinition> Properties { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
}
