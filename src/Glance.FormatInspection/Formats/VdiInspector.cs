using Glance.FormatInspection.Streaming;

namespace Glance.FormatInspection.Formats;

/// <summary>VirtualBox VDI: little-endian header, signature <c>0xbeda107f</c> at 0x40, disk size at 0x170.</summary>
internal sealed class VdiInspector : FormatInspector
{
    private const int HeaderLength = 512;
    private const int SignatureOffset = 0x40;
    private const uint Signature = 0xbeda107f;
    private const int SizeOffset = 0x170;

    private readonly CaptureRegion header;

    public VdiInspector() => header = Capture(0, HeaderLength);

    public override ImageFormat Format => ImageFormat.Vdi;

    public override bool IsMatch =>
        header.IsComplete && HeaderFields.UInt32LittleEndian(header.Data, SignatureOffset) == Signature;

    public override long? VirtualSize => HeaderFields.AsSize(HeaderFields.UInt64LittleEndian(header.Data, SizeOffset));
}
