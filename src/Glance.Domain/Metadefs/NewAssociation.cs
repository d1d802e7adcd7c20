namespace Glance.Domain.Metadefs;

/// <summary>An association given with a new namespace.</summary>
public sealed record NewAssociation(string Name, string? Prefix, string? PropertiesTarget);
