using Glance.Domain.Errors;
using Glance.Domain.Images;
using Glance.FormatInspection;

namespace Glance.Domain.Data;

/// <summary>
/// Decides whether bytes may become an image's data, the same way on every path (SAS upload, PUT /file,
/// glance-direct, web-download): declared facts must match, and for bare containers the content must be the
/// declared disk_format and pass every safety check (current Glance: require_image_format_match).
/// </summary>
public static class ImageDataRules
{
    /// <summary>Returns the virtual size to record, or throws Glance's 400/413/415.</summary>
    public static long? Evaluate(Image image, ImageDataFacts facts, UploadExpectations expected, ImageDataOptions options)
    {
        if (expected.Size is { } size && size != facts.Size)
        {
            throw GlanceErrors.SizeMismatch(facts.Size, size);
        }
        if (expected.Checksum is { } checksum && !string.Equals(checksum, facts.Checksum, StringComparison.OrdinalIgnoreCase))
        {
            throw GlanceErrors.ChecksumMismatch();
        }
        if (expected.OsHashValue is { } hash)
        {
            if (expected.OsHashAlgo is { } algo && !string.Equals(algo, facts.OsHashAlgo, StringComparison.OrdinalIgnoreCase))
            {
                throw GlanceErrors.HashAlgorithmMismatch(algo, facts.OsHashAlgo);
            }
            if (!string.Equals(hash, facts.OsHashValue, StringComparison.OrdinalIgnoreCase))
            {
                throw GlanceErrors.HashMismatch(facts.OsHashAlgo);
            }
        }
        // Glance inspects only bare containers: an ova or docker tarball is not a disk.
        if (image.ContainerFormat != "bare" || image.DiskFormat is null)
        {
            return null;
        }
        var match = DiskFormatMatcher.Match(image.DiskFormat, facts.Inspection,
            new DiskFormatMatchOptions { RequireFormatMatch = options.RequireImageFormatMatch });
        if (!match.IsAccepted)
        {
            throw GlanceErrors.ContentNotAcceptable(match.Reason);
        }
        // Stricter than Glance, which only warns: a container format declared as raw would be booted as raw
        // bytes by some hypervisors and probed as its real format by others. A partitioned disk or an ISO is raw.
        if (match.Outcome == DiskFormatMatchOutcome.DeclaredRawContentDiffers
            && facts.Inspection.Format is not (null or ImageFormat.Gpt or ImageFormat.Iso or ImageFormat.Raw))
        {
            throw GlanceErrors.RawDiskWithFormattedContent(facts.Inspection.Format!.Value.ToDiskFormat());
        }
        return match.VirtualSize;
    }
}
