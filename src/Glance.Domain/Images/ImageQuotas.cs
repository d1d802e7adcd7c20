using Glance.Domain.Errors;

namespace Glance.Domain.Images;

/// <summary>Per-image quotas (image_property_quota, image_tag_quota); a negative limit means unlimited.</summary>
public static class ImageQuotas
{
    public static void EnsureWithin(Image image, ImageServiceOptions options)
    {
        if (options.ImagePropertyQuota >= 0 && image.ExtraProperties.Count > options.ImagePropertyQuota)
        {
            throw GlanceErrors.PropertyQuotaExceeded(image.ExtraProperties.Count, options.ImagePropertyQuota);
        }
        if (options.ImageTagQuota >= 0 && image.Tags.Count > options.ImageTagQuota)
        {
            throw GlanceErrors.TagQuotaExceeded(image.Tags.Count, options.ImageTagQuota);
        }
    }
}
