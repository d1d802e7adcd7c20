namespace Glance.FormatInspection.Formats;

/// <summary>
/// The end of a stream-optimized VMDK whose header defers to a footer: a footer marker, the footer (a second
/// sparse header, which qemu prefers over the first) and an end-of-stream marker, one sector each.
/// </summary>
internal static class VmdkFooter
{
    public const int Length = 3 * SectorSize;

    private const int SectorSize = 512;
    private const uint FooterMarkerType = 3;

    /// <summary>Why the footer cannot be trusted, or null. <paramref name="tail"/> is the stream's last bytes.</summary>
    public static string? FindProblem(VmdkSparseHeader header, ReadOnlySpan<byte> tail, long totalBytes)
    {
        if (totalBytes < VmdkSparseHeader.Length + Length || tail.Length < Length)
        {
            return "VMDK stream is too short for the footer its header announces";
        }

        var marker = tail[..SectorSize];
        var footerSector = tail.Slice(SectorSize, SectorSize);
        var endOfStream = tail.Slice(2 * SectorSize, SectorSize);

        if (HeaderFields.UInt32LittleEndian(marker, 8) != 0
            || HeaderFields.UInt32LittleEndian(marker, 12) != FooterMarkerType
            || marker[16..].ContainsAnyExcept((byte)0))
        {
            return "VMDK footer marker is invalid";
        }

        if (FindMismatch(header, footerSector) is { } mismatch)
        {
            return mismatch;
        }

        return endOfStream.ContainsAnyExcept((byte)0) ? "VMDK end-of-stream marker is invalid" : null;
    }

    // qemu reads the image through the footer while we inspected the header, so they must agree on everything
    // we reported (capacity) or checked (the descriptor).
    private static string? FindMismatch(VmdkSparseHeader header, ReadOnlySpan<byte> footerSector)
    {
        if (!VmdkSparseHeader.HasMagic(footerSector))
        {
            return "VMDK footer signature does not match the header";
        }

        var footer = VmdkSparseHeader.Read(footerSector);
        if (footer.Version != header.Version)
        {
            return "VMDK footer version does not match the header";
        }

        if (footer.CapacitySectors != header.CapacitySectors)
        {
            return "VMDK footer capacity does not match the header";
        }

        if (footer.DescriptorOffsetSectors != header.DescriptorOffsetSectors
            || footer.DescriptorSizeSectors != header.DescriptorSizeSectors)
        {
            return "VMDK footer points at a different descriptor than the header";
        }

        return footer.HasFooter ? "VMDK footer announces another footer" : null;
    }
}
