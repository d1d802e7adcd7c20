namespace Glance.FormatInspection.Tests.Builders;

/// <summary>A disk starting with an MBR: a GPT protective one, a legacy partition table, or a FAT boot record.</summary>
internal sealed class MbrImageBuilder
{
    private const int SectorSize = 512;
    private const int DiskSectors = 64;

    private readonly ByteWriter sector = new(SectorSize);

    /// <summary>The protective MBR of a GPT disk followed by an "EFI PART" header, as sgdisk writes them.</summary>
    public static byte[] ProtectiveGpt() =>
        new MbrImageBuilder().WithPartition(0, 0x00, 0xEE, [0x00, 0x02, 0x00], 1, DiskSectors - 1).Build(withGptHeader: true);

    /// <summary>A FAT volume boot record: the 0x55AA signature, two FATs, fixed-disk media.</summary>
    public static byte[] FatBootRecord()
    {
        var builder = new MbrImageBuilder();
        builder.sector.Raw(0, [0xEB, 0x3C, 0x90]).Ascii(3, "MSDOS5.0").UInt16LittleEndian(11, 512)
            .Byte(13, 8).UInt16LittleEndian(14, 1).Byte(0x10, 2).Byte(0x15, 0xF8);
        return builder.Build(withGptHeader: false);
    }

    public MbrImageBuilder WithPartition(int index, byte bootFlag, byte type, byte[] startChs, uint startLba, uint sectors)
    {
        var entry = 446 + (index * 16);
        sector.Byte(entry, bootFlag)
            .Raw(entry + 1, startChs)
            .Byte(entry + 4, type)
            .Raw(entry + 5, [0xFE, 0xFF, 0xFF])
            .UInt32LittleEndian(entry + 8, startLba)
            .UInt32LittleEndian(entry + 12, sectors);
        return this;
    }

    public byte[] BuildSector()
    {
        sector.Byte(510, 0x55).Byte(511, 0xAA);
        return sector.Bytes;
    }

    public byte[] Build(bool withGptHeader = false)
    {
        var disk = new ByteWriter(DiskSectors * SectorSize).Raw(0, BuildSector());
        if (withGptHeader)
        {
            disk.Ascii(SectorSize, "EFI PART").UInt32LittleEndian(SectorSize + 8, 0x00010000).UInt32LittleEndian(SectorSize + 12, 92);
        }

        return disk.Bytes;
    }
}
