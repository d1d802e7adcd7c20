namespace Glance.FormatInspection.Tests.Builders;

/// <summary>
/// A VHDX (MS-VHDX): file identifier, region table at 192 KiB listing the BAT and metadata regions, and a metadata
/// region whose table lists the usual items, Virtual Disk Size among them.
/// </summary>
internal sealed class VhdxImageBuilder
{
    private const int RegionTableOffset = 192 * 1024;
    private static readonly Guid MetadataRegionId = new("8B7CA206-4790-4B9A-B8FE-575F050F886E");
    private static readonly Guid VirtualDiskSizeId = new("2FA54224-CD1B-4876-B211-5DBED83BF4B8");
    private static readonly Guid BatRegionId = new("2DC27766-F623-4200-9D64-115E9BFD4A08");
    private static readonly Guid FileParametersId = new("CAA16737-FA36-4D43-B3B6-33F0AA44E76B");
    private static readonly Guid LogicalSectorSizeId = new("8141BF1D-A96F-4709-BA47-F233A8FAAB5F");

    private ulong virtualSize = 1UL << 30;
    private long metadataOffset = 256 * 1024;
    private uint virtualDiskSizeItemOffset = 0x1000;
    private string regionSignature = "regi";
    private string metadataSignature = "metadata";
    private uint? regionCountOverride;
    private bool includeMetadataRegion = true;
    private bool includeVirtualDiskSize = true;

    public VhdxImageBuilder WithVirtualSize(ulong value)
    {
        virtualSize = value;
        return this;
    }

    /// <summary>Where the metadata region starts; the real layout puts it at 1 MiB or beyond.</summary>
    public VhdxImageBuilder WithMetadataOffset(long value)
    {
        metadataOffset = value;
        return this;
    }

    public VhdxImageBuilder WithVirtualDiskSizeItemOffset(uint value)
    {
        virtualDiskSizeItemOffset = value;
        return this;
    }

    public VhdxImageBuilder WithRegionSignature(string value)
    {
        regionSignature = value;
        return this;
    }

    public VhdxImageBuilder WithMetadataSignature(string value)
    {
        metadataSignature = value;
        return this;
    }

    public VhdxImageBuilder WithRegionCount(uint value)
    {
        regionCountOverride = value;
        return this;
    }

    public VhdxImageBuilder WithoutMetadataRegion()
    {
        includeMetadataRegion = false;
        return this;
    }

    public VhdxImageBuilder WithoutVirtualDiskSize()
    {
        includeVirtualDiskSize = false;
        return this;
    }

    public byte[] Build()
    {
        var metadataLength = Math.Max((int)virtualDiskSizeItemOffset + 64, 256);
        var length = Math.Max(RegionTableOffset + (64 * 1024), (int)metadataOffset + metadataLength);
        var writer = new ByteWriter(length).Ascii(0, "vhdxfile").Ascii(8, "QEMU");

        var regions = new List<(Guid Id, long Offset, uint Length)> { (BatRegionId, 2 * 1024 * 1024, 1024 * 1024) };
        if (includeMetadataRegion)
        {
            regions.Add((MetadataRegionId, metadataOffset, 1024 * 1024));
        }

        writer.Ascii(RegionTableOffset, regionSignature)
            .UInt32LittleEndian(RegionTableOffset + 8, regionCountOverride ?? (uint)regions.Count);
        for (var index = 0; index < regions.Count; index++)
        {
            var entry = RegionTableOffset + 16 + (index * 32);
            writer.Guid(entry, regions[index].Id)
                .UInt64LittleEndian(entry + 16, (ulong)regions[index].Offset)
                .UInt32LittleEndian(entry + 24, regions[index].Length)
                .UInt32LittleEndian(entry + 28, 1); // required
        }

        var items = new List<(Guid Id, uint Offset)>
        {
            (FileParametersId, virtualDiskSizeItemOffset + 16),
            (LogicalSectorSizeId, virtualDiskSizeItemOffset + 32),
        };
        if (includeVirtualDiskSize)
        {
            items.Add((VirtualDiskSizeId, virtualDiskSizeItemOffset));
        }

        var metadata = (int)metadataOffset;
        writer.Ascii(metadata, metadataSignature).UInt16LittleEndian(metadata + 10, (ushort)items.Count);
        for (var index = 0; index < items.Count; index++)
        {
            var entry = metadata + 32 + (index * 32);
            writer.Guid(entry, items[index].Id)
                .UInt32LittleEndian(entry + 16, items[index].Offset)
                .UInt32LittleEndian(entry + 20, 8)
                .UInt32LittleEndian(entry + 24, 0b110); // virtual disk, required
        }

        // An item pointing into the table itself is the defect under test; writing its value would spoil the table.
        if (virtualDiskSizeItemOffset >= 32 + (items.Count * 32))
        {
            writer.UInt64LittleEndian(metadata + (int)virtualDiskSizeItemOffset, virtualSize)
                .UInt32LittleEndian(metadata + (int)virtualDiskSizeItemOffset + 16, 32 * 1024 * 1024)
                .UInt32LittleEndian(metadata + (int)virtualDiskSizeItemOffset + 32, 512);
        }

        return writer.Bytes;
    }
}
