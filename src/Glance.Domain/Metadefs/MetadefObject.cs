namespace Glance.Domain.Metadefs;

/// <summary>An object of a namespace: a named group of property definitions, some of them required.</summary>
public sealed record MetadefObject(
    string Name,
    string? Description,
    IReadOnlyList<string>? Required,
    IReadOnlyList<MetadefPropertyDefinition> Properties,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
