namespace Glance.Domain.Metadefs;

/// <summary>An object given with a new namespace.</summary>
public sealed record NewObject(string Name, string? Description, IReadOnlyList<string>? Required, IReadOnlyList<MetadefPropertyDefinition> Properties);
