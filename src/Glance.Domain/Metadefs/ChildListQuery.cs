namespace Glance.Domain.Metadefs;

/// <summary>
/// A list of a namespace's tags or objects, as Glance pages it: by a column (created_at unless told), then by creation
/// order, in one direction (descending unless told); after the item named <see cref="Marker"/>; no limit unless told.
/// </summary>
public sealed record ChildListQuery(int? Limit = null, string? Marker = null, ChildSortKey SortKey = ChildSortKey.CreatedAt, bool Ascending = false);
