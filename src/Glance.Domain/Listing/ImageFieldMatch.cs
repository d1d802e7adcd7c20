namespace Glance.Domain.Listing;

/// <summary>
/// A list filter a repository may apply where the data lives: the image field <see cref="Field"/> (Glance's name:
/// name, status, disk_format, owner, os_hidden ...) equals one of <see cref="Values"/>. Only a narrowing: the
/// filter's own conditions still decide, so a repository that ignores it returns the same list, more slowly.
/// </summary>
public sealed record ImageFieldMatch(string Field, IReadOnlyList<string> Values);
