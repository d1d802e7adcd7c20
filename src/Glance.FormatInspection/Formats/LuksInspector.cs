using Glance.FormatInspection.Streaming;

namespace Glance.FormatInspection.Formats;

/// <summary>
/// LUKS: big-endian header with magic <c>LUKS\xBA\xBE</c>, version at 6 and the payload offset (in sectors) at 104.
/// Only version 1 is supported, as in qemu and oslo.utils; LUKS2 shares the magic and is refused by the check.
/// </summary>
internal sealed class LuksInspector : FormatInspector
{
    private const int HeaderLength = 592;
    private const int VersionOffset = 6;
    private const int PayloadOffsetOffset = 104;
    private const int SectorSize = 512;

    private static ReadOnlySpan<byte> Magic => [(byte)'L', (byte)'U', (byte)'K', (byte)'S', 0xBA, 0xBE];

    private readonly CaptureRegion header;

    public LuksInspector() => header = Capture(0, HeaderLength);

    public override ImageFormat Format => ImageFormat.Luks;

    public override bool IsMatch => header.IsComplete && header.Data.StartsWith(Magic);

    // The encrypted disk is everything after the payload offset, so only the whole stream gives its size.
    public override long? VirtualSize
    {
        get
        {
            var payloadStart = (long)HeaderFields.UInt32BigEndian(header.Data, PayloadOffsetOffset) * SectorSize;
            return payloadStart <= TotalBytes ? TotalBytes - payloadStart : null;
        }
    }

    public override IReadOnlyList<SafetyCheckResult> RunSafetyChecks()
    {
        var version = HeaderFields.UInt16BigEndian(header.Data, VersionOffset);
        return
        [
            SafetyCheckResult.FromProblem(
                SafetyCheckNames.Version,
                version == 1 ? null : $"LUKS version {version} is not supported"),
        ];
    }
}
