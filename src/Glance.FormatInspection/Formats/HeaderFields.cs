using System.Buffers.Binary;

namespace Glance.FormatInspection.Formats;

/// <summary>Reads fixed-offset header fields; callers guarantee the header holds them.</summary>
internal static class HeaderFields
{
    public static ushort UInt16LittleEndian(ReadOnlySpan<byte> data, int offset) =>
        BinaryPrimitives.ReadUInt16LittleEndian(data[offset..]);

    public static ushort UInt16BigEndian(ReadOnlySpan<byte> data, int offset) =>
        BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);

    public static uint UInt32LittleEndian(ReadOnlySpan<byte> data, int offset) =>
        BinaryPrimitives.ReadUInt32LittleEndian(data[offset..]);

    public static uint UInt32BigEndian(ReadOnlySpan<byte> data, int offset) =>
        BinaryPrimitives.ReadUInt32BigEndian(data[offset..]);

    public static ulong UInt64LittleEndian(ReadOnlySpan<byte> data, int offset) =>
        BinaryPrimitives.ReadUInt64LittleEndian(data[offset..]);

    public static ulong UInt64BigEndian(ReadOnlySpan<byte> data, int offset) =>
        BinaryPrimitives.ReadUInt64BigEndian(data[offset..]);

    /// <summary>A declared size as a signed byte count; null when it does not fit (Glance stores sizes as bigint).</summary>
    public static long? AsSize(ulong value) => value <= long.MaxValue ? (long)value : null;

    /// <summary>A size given in units (sectors, blocks), or null when the product does not fit.</summary>
    public static long? AsSize(ulong units, ulong unitSize) =>
        unitSize != 0 && units > long.MaxValue / unitSize ? null : (long)(units * unitSize);
}
