namespace Glance.FormatInspection;

/// <summary>Maps <see cref="ImageFormat"/> to and from Glance's <c>disk_format</c> strings.</summary>
public static class ImageFormatNames
{
    /// <summary>The <c>disk_format</c> value for <paramref name="format"/> (<c>vhd</c> is what qemu calls <c>vpc</c>).</summary>
    public static string ToDiskFormat(this ImageFormat format) => format switch
    {
        ImageFormat.Raw => "raw",
        ImageFormat.Qcow2 => "qcow2",
        ImageFormat.Qed => "qed",
        ImageFormat.Vhd => "vhd",
        ImageFormat.Vhdx => "vhdx",
        ImageFormat.Vmdk => "vmdk",
        ImageFormat.Vdi => "vdi",
        ImageFormat.Iso => "iso",
        ImageFormat.Gpt => "gpt",
        ImageFormat.Luks => "luks",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown image format."),
    };

    /// <summary>
    /// Finds the format whose <c>disk_format</c> name is <paramref name="diskFormat"/> (exact, like Glance).
    /// False means the declared format cannot be recognised from content (ami, aki, ari, ploop ...).
    /// </summary>
    public static bool TryParseDiskFormat(string? diskFormat, out ImageFormat format)
    {
        foreach (var candidate in Enum.GetValues<ImageFormat>())
        {
            if (string.Equals(candidate.ToDiskFormat(), diskFormat, StringComparison.Ordinal))
            {
                format = candidate;
                return true;
            }
        }

        format = default;
        return false;
    }
}
