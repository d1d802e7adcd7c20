using System.Text;

namespace Glance.FormatInspection.Tests.Builders;

/// <summary>
/// A hosted sparse VMDK: 512-byte KDMV header, descriptor at sector 1, a few grains, and for stream-optimized
/// images with the grain directory "at end", a footer marker, footer and end-of-stream marker.
/// </summary>
internal sealed class VmdkImageBuilder
{
    public const int SectorSize = 512;
    public const ulong GrainDirectoryAtEnd = ulong.MaxValue;

    private const int GrainDirectorySector = 21;
    private const int DataSectors = 8;

    private uint version = 1;
    private ulong capacitySectors = 2 * 1024 * 1024; // 1 GiB
    private ulong descriptorOffsetSectors = 1;
    private ulong descriptorSizeSectors = 20;
    private string createType = "monolithicSparse";
    private string? extentLine;
    private readonly List<string> extraLines = [];
    private bool footer;
    private VmdkFooterDefect footerDefect;

    public VmdkImageBuilder WithVersion(uint value)
    {
        version = value;
        return this;
    }

    public VmdkImageBuilder WithCapacitySectors(ulong value)
    {
        capacitySectors = value;
        return this;
    }

    public VmdkImageBuilder WithDescriptorLocation(ulong offsetSectors, ulong sizeSectors)
    {
        descriptorOffsetSectors = offsetSectors;
        descriptorSizeSectors = sizeSectors;
        return this;
    }

    public VmdkImageBuilder WithCreateType(string value)
    {
        createType = value;
        return this;
    }

    public VmdkImageBuilder WithExtentLine(string value)
    {
        extentLine = value;
        return this;
    }

    public VmdkImageBuilder WithDescriptorLine(string line)
    {
        extraLines.Add(line);
        return this;
    }

    /// <summary>A streamOptimized image whose header defers to a footer, spoiled as asked.</summary>
    public VmdkImageBuilder WithFooter(VmdkFooterDefect defect = VmdkFooterDefect.None)
    {
        createType = "streamOptimized";
        version = 3;
        footer = true;
        footerDefect = defect;
        return this;
    }

    /// <summary>A bare text descriptor file, as VMware writes next to flat or split extents.</summary>
    public static byte[] TextDescriptorFile(string createType, string extentLine) =>
        Encoding.ASCII.GetBytes(DescriptorText(createType, extentLine, []));

    public byte[] Build()
    {
        var descriptorLength = (int)Math.Min(descriptorSizeSectors, 64) * SectorSize;
        var extent = extentLine ?? $"RW {capacitySectors} SPARSE \"disk.vmdk\"";
        var text = Encoding.ASCII.GetBytes(DescriptorText(createType, extent, extraLines));
        var descriptor = new byte[descriptorLength];
        text.AsSpan(0, Math.Min(text.Length, descriptorLength)).CopyTo(descriptor);
        var grains = new byte[DataSectors * SectorSize];
        byte[] image = [.. Header(footer ? GrainDirectoryAtEnd : GrainDirectorySector), .. descriptor, .. grains];
        if (!footer || footerDefect == VmdkFooterDefect.MissingFooter)
        {
            return image;
        }

        return [.. image, .. FooterMarker(), .. FooterHeader(), .. EndOfStreamMarker()];
    }

    private static string DescriptorText(string createType, string extentLine, IEnumerable<string> extraLines) =>
        string.Join('\n', new[]
        {
            "# Disk DescriptorFile",
            "version=1",
            "CID=5c3e9a11",
            "parentCID=ffffffff",
            $"createType=\"{createType}\"",
            string.Empty,
            "# Extent description",
            extentLine,
            string.Empty,
            "# The Disk Data Base",
            "#DDB",
            string.Empty,
            "ddb.virtualHWVersion = \"4\"",
            "ddb.geometry.cylinders = \"2080\"",
            "ddb.geometry.heads = \"16\"",
            "ddb.geometry.sectors = \"63\"",
            "ddb.adapterType = \"ide\"",
        }.Concat(extraLines)) + "\n";

    private byte[] Header(ulong grainDirectoryOffset) => Header(
        version, capacitySectors, descriptorOffsetSectors, descriptorSizeSectors, grainDirectoryOffset);

    private static byte[] Header(
        uint version, ulong capacity, ulong descriptorOffset, ulong descriptorSize, ulong grainDirectoryOffset) =>
        new ByteWriter(SectorSize)
            .Ascii(0, "KDMV")
            .UInt32LittleEndian(4, version)
            .UInt32LittleEndian(8, 3) // flags: valid newline test, redundant grain table
            .UInt64LittleEndian(12, capacity)
            .UInt64LittleEndian(20, 128) // grain size in sectors
            .UInt64LittleEndian(28, descriptorOffset)
            .UInt64LittleEndian(36, descriptorSize)
            .UInt32LittleEndian(44, 512) // grain table entries per grain table
            .UInt64LittleEndian(48, 0) // redundant grain directory
            .UInt64LittleEndian(56, grainDirectoryOffset)
            .UInt64LittleEndian(64, 128) // overhead sectors
            .Ascii(73, "\n \r\n")
            .Bytes;

    private byte[] FooterMarker() => new ByteWriter(SectorSize)
        .UInt64LittleEndian(0, 1) // the footer that follows is one sector
        .UInt32LittleEndian(12, footerDefect == VmdkFooterDefect.FooterMarkerType ? 2u : 3u)
        .Bytes;

    private byte[] FooterHeader()
    {
        var bytes = Header(
            footerDefect == VmdkFooterDefect.FooterVersion ? version + 1 : version,
            footerDefect == VmdkFooterDefect.FooterCapacity ? capacitySectors * 2 : capacitySectors,
            descriptorOffsetSectors,
            footerDefect == VmdkFooterDefect.FooterDescriptor ? descriptorSizeSectors + 1 : descriptorSizeSectors,
            footerDefect == VmdkFooterDefect.FooterAnnouncesFooter ? GrainDirectoryAtEnd : GrainDirectorySector);
        if (footerDefect == VmdkFooterDefect.FooterSignature)
        {
            bytes[0] = (byte)'X';
        }

        return bytes;
    }

    private byte[] EndOfStreamMarker() => footerDefect == VmdkFooterDefect.EndOfStreamMarker
        ? new ByteWriter(SectorSize).UInt32LittleEndian(12, 1).Bytes
        : new byte[SectorSize];
}
