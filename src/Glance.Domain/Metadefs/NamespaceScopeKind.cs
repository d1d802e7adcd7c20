namespace Glance.Domain.Metadefs;

/// <summary>Which listing copies a <see cref="NamespaceScope"/> names.</summary>
public enum NamespaceScopeKind
{
    All,
    Public,
    Owner,
}
