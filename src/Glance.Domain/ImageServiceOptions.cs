using System.ComponentModel.DataAnnotations;

namespace Glance.Domain;

/// <summary>
/// Glance's API limits and per-image quotas, with Glance's defaults. Section <c>Glance:Images</c>; checked at start
/// (negative quotas are valid: they mean unlimited, as in Glance).
/// </summary>
public sealed class ImageServiceOptions
{
    public const string SectionName = "Glance:Images";

    /// <summary>Page size when the caller gives no limit (limit_param_default).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Glance:Images:LimitParamDefault must be at least 1.")]
    public int LimitParamDefault { get; set; } = 25;

    /// <summary>Largest page a caller may ask for (api_limit_max).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Glance:Images:ApiLimitMax must be at least 1.")]
    public int ApiLimitMax { get; set; } = 1000;

    /// <summary>Extra properties per image; negative means unlimited (image_property_quota).</summary>
    public int ImagePropertyQuota { get; set; } = 128;

    /// <summary>Tags per image; negative means unlimited (image_tag_quota).</summary>
    public int ImageTagQuota { get; set; } = 128;

    /// <summary>Attempts at a compare-and-set update before answering 409.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Glance:Images:UpdateAttempts must be at least 1.")]
    public int UpdateAttempts { get; set; } = 32;

    /// <summary>
    /// How long a deleted image may be restored (POST /v2/images/{id}/actions/restore) before its bytes are purged.
    /// Zero, the default, deletes the bytes at once, as Glance does. The window is fixed when the image is deleted.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00", ErrorMessage = "Glance:Images:DeletedRetention must be between 00:00:00 and 3650.00:00:00.")]
    public TimeSpan DeletedRetention { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Glance's show_multiple_locations: image representations (lists too) carry <c>locations</c>, as GET
    /// /v2/images/{id}/locations shows them, or <c>[]</c> to a caller get_image_location refuses. Off by default, as in
    /// Glance. PATCH of <c>/locations</c> stays refused either way.
    /// </summary>
    public bool ShowMultipleLocations { get; set; }

    /// <summary>Glance's show_image_direct_url: image representations carry <c>direct_url</c>, the first location's URL. Off by default.</summary>
    public bool ShowDirectUrl { get; set; }
}
