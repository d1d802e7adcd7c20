namespace Glance.FormatInspection.Formats;

/// <summary>
/// The little-endian "hosted sparse extent" header of a VMDK (magic <c>KDMV</c>). Sizes and offsets are in
/// 512-byte sectors. The same structure repeats as the footer of a stream-optimized image.
/// </summary>
internal readonly record struct VmdkSparseHeader(
    uint Version,
    ulong CapacitySectors,
    ulong DescriptorOffsetSectors,
    ulong DescriptorSizeSectors,
    ulong GrainDirectoryOffset)
{
    public const int Length = 512;
    public const int SectorSize = 512;

    /// <summary>The grain directory offset that says "the real values are in the footer".</summary>
    public const ulong GrainDirectoryAtEnd = ulong.MaxValue;

    public static ReadOnlySpan<byte> Magic => "KDMV"u8;

    public bool HasFooter => GrainDirectoryOffset == GrainDirectoryAtEnd;

    public static bool HasMagic(ReadOnlySpan<byte> data) => data.StartsWith(Magic);

    /// <summary>Reads the fields from a whole (512-byte) header.</summary>
    public static VmdkSparseHeader Read(ReadOnlySpan<byte> data) => new(
        Version: HeaderFields.UInt32LittleEndian(data, 4),
        CapacitySectors: HeaderFields.UInt64LittleEndian(data, 12),
        DescriptorOffsetSectors: HeaderFields.UInt64LittleEndian(data, 28),
        DescriptorSizeSectors: HeaderFields.UInt64LittleEndian(data, 36),
        GrainDirectoryOffset: HeaderFields.UInt64LittleEndian(data, 56));

    /// <summary>Why qemu's rules (versions 1-3, descriptor right after the header) reject this header, or null.</summary>
    public string? FindProblem()
    {
        if (Version is < 1 or > 3)
        {
            return $"VMDK sparse header version {Version} is not supported";
        }

        if (DescriptorOffsetSectors != 1)
        {
            return "VMDK descriptor does not start at sector 1";
        }

        return DescriptorSizeSectors == 0 ? "VMDK header declares an empty descriptor" : null;
    }
}
