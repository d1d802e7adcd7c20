namespace Glance.Domain.Metadefs;

/// <summary>
/// Where the listing copies a list reads are kept: every namespace (what an admin sees), the public ones, or those a
/// project owns (<see cref="Owner"/> null: those without owner).
/// </summary>
public sealed record NamespaceScope(NamespaceScopeKind Kind, string? Owner = null)
{
    public static NamespaceScope All { get; } = new(NamespaceScopeKind.All);
    public static NamespaceScope Public { get; } = new(NamespaceScopeKind.Public);
    public static NamespaceScope OwnedBy(string? owner) => new(NamespaceScopeKind.Owner, owner);
}
