using Glance.FormatInspection.Streaming;

namespace Glance.FormatInspection.Formats;

/// <summary>
/// Microsoft VHD (qemu "vpc"): the big-endian footer copy at the start, magic <c>conectix</c>, size at 40.
/// Like qemu's probe, a fixed VHD with its only footer at the end is not recognised.
/// </summary>
internal sealed class VhdInspector : FormatInspector
{
    private const int FooterLength = 512;
    private const int SizeOffset = 40;

    private static ReadOnlySpan<byte> Magic => "conectix"u8;

    private readonly CaptureRegion footer;

    public VhdInspector() => footer = Capture(0, FooterLength);

    public override ImageFormat Format => ImageFormat.Vhd;

    public override bool IsMatch => footer.IsComplete && footer.Data.StartsWith(Magic);

    public override long? VirtualSize => HeaderFields.AsSize(HeaderFields.UInt64BigEndian(footer.Data, SizeOffset));
}
