namespace Glance.FormatInspection.Tests.Builders;

/// <summary>An ISO 9660 image: 32 KiB system area, primary volume descriptor at sector 16, terminator.</summary>
internal sealed class IsoImageBuilder
{
    private const int SectorSize = 2048;
    private const int DescriptorOffset = 16 * SectorSize;

    private string identifier = "CD001";
    private byte descriptorType = 1;
    private uint volumeBlocks = 512;
    private ushort blockSize = SectorSize;
    private bool hybridMbr;

    public IsoImageBuilder WithIdentifier(string value, byte type = 1)
    {
        identifier = value;
        descriptorType = type;
        return this;
    }

    public IsoImageBuilder WithVolume(uint blocks, ushort logicalBlockSize = SectorSize)
    {
        volumeBlocks = blocks;
        blockSize = logicalBlockSize;
        return this;
    }

    /// <summary>An isohybrid-style MBR in the system area, as bootable distribution ISOs carry.</summary>
    public IsoImageBuilder WithHybridMbr()
    {
        hybridMbr = true;
        return this;
    }

    public byte[] Build()
    {
        var writer = new ByteWriter(DescriptorOffset + (3 * SectorSize))
            .Byte(DescriptorOffset, descriptorType)
            .Ascii(DescriptorOffset + 1, identifier)
            .Byte(DescriptorOffset + 6, 1)
            .Ascii(DescriptorOffset + 40, "GLANCE_TEST")
            .UInt32LittleEndian(DescriptorOffset + 80, volumeBlocks)
            .UInt32BigEndian(DescriptorOffset + 84, volumeBlocks)
            .UInt16LittleEndian(DescriptorOffset + 128, blockSize)
            .UInt16BigEndian(DescriptorOffset + 130, blockSize)
            .Byte(DescriptorOffset + SectorSize, 255) // volume descriptor set terminator
            .Ascii(DescriptorOffset + SectorSize + 1, identifier)
            .Byte(DescriptorOffset + SectorSize + 6, 1);
        if (hybridMbr)
        {
            writer.Raw(0, new MbrImageBuilder().WithPartition(0, 0x80, 0x17, [0, 1, 0], 0, volumeBlocks * 4).BuildSector());
        }

        return writer.Bytes;
    }
}
