namespace Glance.Domain.Metadefs;

/// <summary>GET /v2/metadefs/namespaces, parsed: Glance's defaults are created_at, descending.</summary>
public sealed record NamespaceListQuery(
    int Limit,
    string? Marker = null,
    NamespaceSortKey SortKey = NamespaceSortKey.CreatedAt,
    bool Ascending = false,
    string? Visibility = null,
    IReadOnlyList<string>? ResourceTypes = null);
