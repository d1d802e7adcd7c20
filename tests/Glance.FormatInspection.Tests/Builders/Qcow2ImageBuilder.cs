namespace Glance.FormatInspection.Tests.Builders;

/// <summary>A qcow2 header (qemu docs/interop/qcow2.txt) with just enough around it to look like a small image.</summary>
internal sealed class Qcow2ImageBuilder
{
    public const ulong DataFileBit = 1UL << 2;
    public const ulong ExtendedL2Bit = 1UL << 4;

    private const int ImageLength = 4096;
    private const int BackingFileNameOffset = 1024;

    private uint version = 3;
    private ulong virtualSize = 1UL << 30;
    private string? backingFile;
    private ulong incompatibleFeatures;

    public Qcow2ImageBuilder WithVersion(uint value)
    {
        version = value;
        return this;
    }

    public Qcow2ImageBuilder WithVirtualSize(ulong value)
    {
        virtualSize = value;
        return this;
    }

    public Qcow2ImageBuilder WithBackingFile(string fileName = "base.qcow2")
    {
        backingFile = fileName;
        return this;
    }

    public Qcow2ImageBuilder WithDataFile() => WithIncompatibleFeatures(incompatibleFeatures | DataFileBit);

    public Qcow2ImageBuilder WithIncompatibleFeatures(ulong bits)
    {
        incompatibleFeatures = bits;
        return this;
    }

    public byte[] Build()
    {
        var writer = new ByteWriter(ImageLength)
            .Raw(0, [(byte)'Q', (byte)'F', (byte)'I', 0xFB])
            .UInt32BigEndian(4, version)
            .UInt32BigEndian(20, 16) // cluster_bits: 64 KiB clusters
            .UInt64BigEndian(24, virtualSize)
            .UInt32BigEndian(36, 16) // l1_size
            .UInt64BigEndian(40, 0x30000) // l1_table_offset
            .UInt64BigEndian(48, 0x10000) // refcount_table_offset
            .UInt32BigEndian(56, 1); // refcount_table_clusters
        if (version >= 3)
        {
            writer.UInt64BigEndian(72, incompatibleFeatures)
                .UInt32BigEndian(96, 4) // refcount_order
                .UInt32BigEndian(100, 104); // header_length
        }

        if (backingFile is not null)
        {
            writer.UInt64BigEndian(8, BackingFileNameOffset)
                .UInt32BigEndian(16, (uint)backingFile.Length)
                .Ascii(BackingFileNameOffset, backingFile);
        }

        return writer.Bytes;
    }
}
