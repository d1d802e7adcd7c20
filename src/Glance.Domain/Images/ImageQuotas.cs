using Glance.Domain.Errors;

namespace Glance.Domain.Images;

/// <summary>Per-image quotas (image_property_quota, image_tag_quota); a negative limit means unlimited.</summary>
public static class ImageQuotas
{
    public static void EnsureWithin(Image image, ImageServiceOptions options)
    {
        if (options.ImagePropertyQuota >= 0 && image.ExtraProperties.Count > options.ImagePropertyQuota)
        {
            throw GlanceException.TooLarge(
                $"The limit has been exceeded on the number of allowed image properties. Attempted: {image.ExtraProperties.Count}, Maximum: {options.ImagePropertyQuota}");
        }
        if (options.ImageTagQuota >= 0 && image.Tags.Count > options.ImageTagQuota)
        {
            throw GlanceException.TooLarge(
                $"The limit has been exceeded on the number of allowed image tags. Attempted: {image.Tags.Count}, Maximum: {options.ImageTagQuota}");
        }
    }
}
