namespace Glance.Domain.Images;

/// <summary>Glance's declarative property sets (glance/api/v2/images.py): who may write what.</summary>
public static class ImageProperties
{
    /// <summary>Base properties a caller may write (id only on create, owner only as admin).</summary>
    public static readonly IReadOnlySet<string> Writable = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "visibility", "protected", "os_hidden", "min_disk", "min_ram",
        "disk_format", "container_format", "tags", "owner", "id",
    };

    /// <summary>Written only by the service; a caller setting one gets 403 "is read-only".</summary>
    public static readonly IReadOnlySet<string> ReadOnly = new HashSet<string>(StringComparer.Ordinal)
    {
        "status", "checksum", "size", "virtual_size", "os_hash_algo", "os_hash_value",
        "created_at", "updated_at", "direct_url", "self", "file", "schema", "stores", "locations",
    };

    /// <summary>Never settable; a caller setting one gets 403 "is reserved".</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal)
    {
        "location", "deleted", "deleted_at",
    };

    public const string ReservedPrefix = "os_glance";

    public const int MaxKeyLength = 255;
    public const int MaxStringLength = 255;

    public static bool IsBase(string key) => Writable.Contains(key) || ReadOnly.Contains(key);

    public static bool IsReserved(string key) =>
        Reserved.Contains(key) || key.StartsWith(ReservedPrefix, StringComparison.Ordinal);
}
