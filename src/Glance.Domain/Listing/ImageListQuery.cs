namespace Glance.Domain.Listing;

/// <summary>What a list request asks for: paging, sort order and filters.</summary>
public sealed record ImageListQuery(int Limit, string? Marker, IReadOnlyList<SortKey> Sort, ImageFilter Filter)
{
    /// <summary>Glance's default order: newest first, the id breaking ties.</summary>
    public static IReadOnlyList<SortKey> NewestFirst { get; } = [new("created_at", true), new("id", true)];

    /// <summary>True when the order is the one the repository scans natively.</summary>
    public bool IsDefaultOrder =>
        Sort.Count >= 1 && Sort[0] is { Key: "created_at", Descending: true }
        && Sort.Skip(1).All(k => k is { Key: "id", Descending: true } or { Key: "created_at", Descending: true });
}
