namespace Glance.FormatInspection.Tests.Builders;

/// <summary>A dynamic VHD: footer copy, dynamic disk header, footer (Microsoft VHD specification).</summary>
internal static class VhdImageBuilder
{
    private const int FooterLength = 512;
    private const int DynamicHeaderLength = 1024;

    public static byte[] Build(ulong virtualSize = 1UL << 30)
    {
        var footer = new ByteWriter(FooterLength)
            .Ascii(0, "conectix")
            .UInt32BigEndian(8, 2) // features
            .UInt32BigEndian(12, 0x00010000) // file format version
            .UInt64BigEndian(16, FooterLength) // data offset: the dynamic header
            .Ascii(28, "qemu")
            .UInt64BigEndian(40, virtualSize) // original size
            .UInt64BigEndian(48, virtualSize) // current size
            .UInt32BigEndian(60, 3) // disk type: dynamic
            .Bytes;
        var dynamicHeader = new ByteWriter(DynamicHeaderLength)
            .Ascii(0, "cxsparse")
            .UInt64BigEndian(8, ulong.MaxValue)
            .UInt64BigEndian(16, FooterLength + DynamicHeaderLength)
            .UInt32BigEndian(24, 0x00010000)
            .UInt32BigEndian(28, 512)
            .UInt32BigEndian(32, 2 * 1024 * 1024)
            .Bytes;
        return [.. footer, .. dynamicHeader, .. footer];
    }
}
