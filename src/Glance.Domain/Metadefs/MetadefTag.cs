namespace Glance.Domain.Metadefs;

/// <summary>A tag definition of a namespace.</summary>
public sealed record MetadefTag(string Name, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
