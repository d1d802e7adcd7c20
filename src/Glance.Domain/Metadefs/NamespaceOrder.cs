namespace Glance.Domain.Metadefs;

/// <summary>
/// The order of a namespace list, as Glance's paginate_query builds it: the sort key, then created_at, then a unique
/// key (Glance's row id, here the name), all in the one direction. Nulls sort first ascending, as in Glance's database.
/// </summary>
public static class NamespaceOrder
{
    public static Comparison<MetadefNamespace> For(NamespaceSortKey key, bool ascending)
    {
        int Compare(MetadefNamespace a, MetadefNamespace b)
        {
            var byKey = key switch
            {
                NamespaceSortKey.CreatedAt => 0,
                NamespaceSortKey.UpdatedAt => a.UpdatedAt.CompareTo(b.UpdatedAt),
                NamespaceSortKey.Namespace => string.CompareOrdinal(a.Name, b.Name),
                NamespaceSortKey.DisplayName => string.CompareOrdinal(a.DisplayName, b.DisplayName),
                NamespaceSortKey.Description => string.CompareOrdinal(a.Description, b.Description),
                NamespaceSortKey.Visibility => string.CompareOrdinal(a.Visibility, b.Visibility),
                NamespaceSortKey.Protected => a.Protected.CompareTo(b.Protected),
                NamespaceSortKey.Owner => string.CompareOrdinal(a.Owner, b.Owner),
                _ => throw new ArgumentOutOfRangeException(nameof(key), key, null),
            };
            var order = byKey != 0 ? byKey : a.CreatedAt.CompareTo(b.CreatedAt);
            order = order != 0 ? order : string.CompareOrdinal(a.Name, b.Name);
            return ascending ? order : -order;
        }
        return Compare;
    }
}
