namespace Glance.Domain.Metadefs;

/// <summary>
/// PUT's body: the base attributes replace the stored ones; what is null takes the create defaults (private,
/// unprotected, the caller's project), as Glance's update does. Contents in the body are ignored, as Glance ignores them.
/// </summary>
public sealed record NamespaceReplacement(
    string Name, string? DisplayName, string? Description, string? Visibility, bool? Protected, string? Owner);
