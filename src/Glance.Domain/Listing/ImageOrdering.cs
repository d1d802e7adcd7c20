using Glance.Domain.Images;

namespace Glance.Domain.Listing;

/// <summary>Compares images by a list of sort keys, with nulls first in ascending order as SQL does.</summary>
public sealed class ImageOrdering(IReadOnlyList<SortKey> keys) : IComparer<Image>
{
    public int Compare(Image? x, Image? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        foreach (var key in keys)
        {
            var result = CompareBy(key.Key, x, y);
            if (result != 0)
            {
                return key.Descending ? -result : result;
            }
        }
        return 0;
    }

    private static int CompareBy(string key, Image x, Image y) => key switch
    {
        "name" => string.CompareOrdinal(x.Name, y.Name),
        "status" => string.CompareOrdinal(x.Status.ToWire(), y.Status.ToWire()),
        "container_format" => string.CompareOrdinal(x.ContainerFormat, y.ContainerFormat),
        "disk_format" => string.CompareOrdinal(x.DiskFormat, y.DiskFormat),
        "size" => Nullable.Compare(x.Size, y.Size),
        "id" => string.CompareOrdinal(x.Id, y.Id),
        "created_at" => x.CreatedAt.CompareTo(y.CreatedAt),
        "updated_at" => x.UpdatedAt.CompareTo(y.UpdatedAt),
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "not a sort key"),
    };
}
