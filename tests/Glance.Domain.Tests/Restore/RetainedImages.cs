using Glance.Domain.Images;

namespace Glance.Domain.Tests.Restore;

/// <summary>Images as the retention tests need them: with bytes, and deleted with a window.</summary>
internal static class RetainedImages
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    public static Image WithBytes(string owner, ImageStatus status = ImageStatus.Active, long size = 3 * 1024 * 1024)
    {
        var image = TestImages.Owned(owner);
        return Image.Restore(image.ToSnapshot() with
        {
            Status = status, DiskFormat = "raw", ContainerFormat = "bare", Size = size, Checksum = "c", OsHashAlgo = "sha512", OsHashValue = "h",
            DataLeaseId = "lease",
        });
    }

    /// <summary>Deleted at <see cref="TestImages.Now"/> with a window of <see cref="Window"/>.</summary>
    public static Image Deleted(Image image, TimeSpan? window = null)
    {
        image.MarkDeleted(TestImages.Now, window ?? Window);
        return image;
    }
}
