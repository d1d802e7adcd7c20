namespace Glance.Domain.Listing;

public sealed record SortKey(string Key, bool Descending)
{
    /// <summary>The attributes a list may be sorted by, in the order Glance names them when it refuses another.</summary>
    public static IReadOnlyList<string> Sortable { get; } =
        ["name", "status", "container_format", "disk_format", "size", "id", "created_at", "updated_at"];
}
