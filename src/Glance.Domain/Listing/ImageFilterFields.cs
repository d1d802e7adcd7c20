using Glance.Domain.Images;

namespace Glance.Domain.Listing;

/// <summary>
/// The image columns a list may be filtered on, grouped by how Glance's database layer compares them
/// (db/sqlalchemy/api.py _make_conditions_from_filters); any other key is an extra property.
/// </summary>
public static class ImageFilterFields
{
    /// <summary>The columns whose value may be given with an operator: <c>eq:</c> (the default) or <c>in:</c>.</summary>
    public static IReadOnlyCollection<string> WithOperators => OperatorColumns.Keys;

    /// <summary>Text columns compared for equality as given (no operator: <c>owner=in:a</c> is the owner "in:a").</summary>
    public static IReadOnlyCollection<string> Text => TextColumns.Keys;

    /// <summary>Numeric columns: an exact value (<c>size=</c>) and range bounds (<c>size_min=</c>, <c>size_max=</c>).</summary>
    public static IReadOnlyCollection<string> Numeric => NumericColumns.Keys;

    /// <summary>The time columns, compared with an operator to the microsecond Glance stores.</summary>
    public static IReadOnlyCollection<string> Times => TimeColumns.Keys;

    /// <summary>Attributes of the representation that are no column: filtering on them is refused.</summary>
    public static IReadOnlySet<string> Unfilterable { get; } = new HashSet<string>(StringComparer.Ordinal) { "self", "file", "schema", "direct_url", "locations" };

    private static readonly Dictionary<string, Func<Image, string?>> OperatorColumns = new(StringComparer.Ordinal)
    {
        ["name"] = i => i.Name,
        ["id"] = i => i.Id,
        ["status"] = i => i.Status.ToWire(),
        ["container_format"] = i => i.ContainerFormat,
        ["disk_format"] = i => i.DiskFormat,
    };

    private static readonly Dictionary<string, Func<Image, string?>> TextColumns = new(StringComparer.Ordinal)
    {
        ["owner"] = i => i.Owner,
        ["checksum"] = i => i.Checksum,
        ["os_hash_value"] = i => i.OsHashValue,
        ["os_hash_algo"] = i => i.OsHashAlgo,
    };

    private static readonly Dictionary<string, Func<Image, long?>> NumericColumns = new(StringComparer.Ordinal)
    {
        ["size"] = i => i.Size,
        ["virtual_size"] = i => i.VirtualSize,
        ["min_disk"] = i => i.MinDisk,
        ["min_ram"] = i => i.MinRam,
    };

    private static readonly Dictionary<string, Func<Image, DateTimeOffset>> TimeColumns = new(StringComparer.Ordinal)
    {
        ["created_at"] = i => i.CreatedAt,
        ["updated_at"] = i => i.UpdatedAt,
    };

    internal static Func<Image, string?> TextColumn(string field) =>
        OperatorColumns.TryGetValue(field, out var column) || TextColumns.TryGetValue(field, out column)
            ? column
            : throw new ArgumentException($"{field} is no text column.", nameof(field));

    internal static Func<Image, long?> NumericColumn(string field) =>
        NumericColumns.TryGetValue(field, out var column) ? column : throw new ArgumentException($"{field} is no numeric column.", nameof(field));

    internal static Func<Image, DateTimeOffset> TimeColumn(string field) =>
        TimeColumns.TryGetValue(field, out var column) ? column : throw new ArgumentException($"{field} is no time column.", nameof(field));
}
