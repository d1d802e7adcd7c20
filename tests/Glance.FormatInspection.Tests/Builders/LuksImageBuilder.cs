namespace Glance.FormatInspection.Tests.Builders;

/// <summary>A LUKS1 header (cryptsetup on-disk format) followed by its encrypted payload.</summary>
internal static class LuksImageBuilder
{
    public const int PayloadOffsetSectors = 8;

    public static byte[] Build(ushort version = 1, int payloadLength = 64 * 1024) =>
        new ByteWriter((PayloadOffsetSectors * 512) + payloadLength)
            .Raw(0, [(byte)'L', (byte)'U', (byte)'K', (byte)'S', 0xBA, 0xBE])
            .UInt16BigEndian(6, version)
            .Ascii(8, "aes")
            .Ascii(40, "xts-plain64")
            .Ascii(72, "sha256")
            .UInt32BigEndian(104, PayloadOffsetSectors)
            .UInt32BigEndian(108, 64) // key bytes
            .Ascii(168, "0d1f8c7e-1111-4222-8333-944445555666")
            .Bytes;
}
