using Glance.Domain.Errors;

namespace Glance.Domain.Data;

/// <summary>Glance's image_size_cap, checked as bytes arrive: one place for the rule and its 413.</summary>
public static class ImageSizeCap
{
    public static void Ensure(long bytesSeen, long cap)
    {
        if (bytesSeen > cap)
        {
            throw GlanceErrors.ImageSizeCapExceeded(cap);
        }
    }
}
