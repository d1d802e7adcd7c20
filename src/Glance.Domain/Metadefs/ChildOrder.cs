namespace Glance.Domain.Metadefs;

/// <summary>
/// Pages a namespace's tags or objects as Glance's paginate_query does: the items come in creation order (oldest
/// first), are sorted by the key with creation order breaking ties, all in one direction, and start after the marker.
/// </summary>
public static class ChildOrder
{
    public static IReadOnlyList<T> Page<T>(
        IReadOnlyList<T> oldestFirst, ChildListQuery query, Func<T, string> name, Func<T, DateTimeOffset> createdAt, Func<T, DateTimeOffset> updatedAt,
        Func<string, Exception> markerNotFound)
    {
        var ranked = oldestFirst.Select((item, rank) => (Item: item, Rank: rank)).ToList();
        int Compare((T Item, int Rank) a, (T Item, int Rank) b)
        {
            var order = query.SortKey switch
            {
                ChildSortKey.UpdatedAt => updatedAt(a.Item).CompareTo(updatedAt(b.Item)),
                ChildSortKey.Name => string.CompareOrdinal(name(a.Item), name(b.Item)),
                _ => 0,
            };
            order = order != 0 ? order : createdAt(a.Item).CompareTo(createdAt(b.Item));
            order = order != 0 ? order : a.Rank.CompareTo(b.Rank);
            return query.Ascending ? order : -order;
        }
        ranked.Sort(Compare);
        var start = 0;
        if (query.Marker is not null)
        {
            var at = ranked.FindIndex(r => name(r.Item) == query.Marker);
            start = at >= 0 ? at + 1 : throw markerNotFound(query.Marker);
        }
        return ranked.Skip(start).Take(query.Limit ?? int.MaxValue).Select(r => r.Item).ToList();
    }
}
