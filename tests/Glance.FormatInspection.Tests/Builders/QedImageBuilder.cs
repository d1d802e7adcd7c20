namespace Glance.FormatInspection.Tests.Builders;

/// <summary>A QED header (qemu docs/interop/qed_spec.txt).</summary>
internal static class QedImageBuilder
{
    public static byte[] Build(ulong virtualSize = 1UL << 30) => new ByteWriter(4096)
        .Ascii(0, "QED\0")
        .UInt32LittleEndian(4, 65536) // cluster_size
        .UInt32LittleEndian(8, 4) // table_size
        .UInt32LittleEndian(12, 1) // header_size in clusters
        .UInt64LittleEndian(40, 65536) // l1_table_offset
        .UInt64LittleEndian(48, virtualSize)
        .Bytes;
}
