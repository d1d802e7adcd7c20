namespace Glance.Domain.Quotas;

/// <summary>
/// One set of per-project limits (the defaults, or one project's overrides). A negative value is unlimited; an absent
/// one falls back: a project's to the defaults, the defaults' to unlimited.
/// </summary>
public sealed class ProjectLimits
{
    /// <summary>MiB of image data the project's images hold in the store.</summary>
    public long? ImageSizeTotal { get; set; }

    /// <summary>MiB of data staged for import.</summary>
    public long? ImageStageTotal { get; set; }

    /// <summary>Images the project owns that are not deleted.</summary>
    public long? ImageCountTotal { get; set; }

    /// <summary>Images in saving, uploading or importing.</summary>
    public long? ImageCountUploading { get; set; }

    /// <summary>The configured value for a <see cref="QuotaResources"/> name, or null.</summary>
    public long? Of(string resource) => resource switch
    {
        QuotaResources.ImageSizeTotal => ImageSizeTotal,
        QuotaResources.ImageStageTotal => ImageStageTotal,
        QuotaResources.ImageCountTotal => ImageCountTotal,
        QuotaResources.ImageCountUploading => ImageCountUploading,
        _ => throw new ArgumentOutOfRangeException(nameof(resource), resource, "Not a quota resource."),
    };
}
