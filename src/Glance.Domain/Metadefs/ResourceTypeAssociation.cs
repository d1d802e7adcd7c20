namespace Glance.Domain.Metadefs;

/// <summary>
/// A namespace's association with a resource type (OS::Glance::Image, OS::Nova::Flavor ...): <see cref="Prefix"/> is
/// put before the namespace's property names when they are applied to that resource type.
/// </summary>
public sealed record ResourceTypeAssociation(
    string Name, string? Prefix, string? PropertiesTarget, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
