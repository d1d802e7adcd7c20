namespace Glance.Domain.Metadefs;

/// <summary>A kind of resource namespaces apply to (OS::Glance::Image ...); Glance creates one with its first association and keeps it.</summary>
public sealed record ResourceType(string Name, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
