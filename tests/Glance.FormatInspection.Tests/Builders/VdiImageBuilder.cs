namespace Glance.FormatInspection.Tests.Builders;

/// <summary>A VirtualBox VDI header (qemu block/vdi.c).</summary>
internal static class VdiImageBuilder
{
    public const uint Signature = 0xbeda107f;

    public static byte[] Build(ulong virtualSize = 1UL << 30, uint signature = Signature) => new ByteWriter(1024)
        .Ascii(0, "<<< QEMU VM Virtual Disk Image >>>\n")
        .UInt32LittleEndian(0x40, signature)
        .UInt32LittleEndian(0x44, 0x00010001) // version 1.1
        .UInt32LittleEndian(0x48, 0x190) // header size
        .UInt32LittleEndian(0x4C, 1) // image type: dynamic
        .UInt32LittleEndian(0x154, 0x200) // offset of the block map
        .UInt32LittleEndian(0x158, 0x400) // offset of the data
        .UInt32LittleEndian(0x168, 512) // sector size
        .UInt64LittleEndian(0x170, virtualSize)
        .UInt32LittleEndian(0x178, 1 << 20) // block size
        .Bytes;
}
