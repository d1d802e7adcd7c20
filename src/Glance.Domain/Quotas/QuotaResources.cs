namespace Glance.Domain.Quotas;

/// <summary>
/// Glance's unified-limit resource names (glance/quota/keystone.py), as configuration, 413 messages and
/// GET /v2/info/usage name them. Sizes are MiB.
/// </summary>
public static class QuotaResources
{
    public const string ImageSizeTotal = "image_size_total";
    public const string ImageStageTotal = "image_stage_total";
    public const string ImageCountTotal = "image_count_total";
    public const string ImageCountUploading = "image_count_uploading";

    /// <summary>In the order Glance reports them.</summary>
    public static IReadOnlyList<string> All { get; } = [ImageSizeTotal, ImageStageTotal, ImageCountTotal, ImageCountUploading];
}
