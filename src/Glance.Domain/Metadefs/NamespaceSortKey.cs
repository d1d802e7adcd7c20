namespace Glance.Domain.Metadefs;

/// <summary>The namespace attributes a list may be sorted by (Glance sorts by any column of its table).</summary>
public enum NamespaceSortKey
{
    CreatedAt,
    UpdatedAt,
    Namespace,
    DisplayName,
    Description,
    Visibility,
    Protected,
    Owner,
}
