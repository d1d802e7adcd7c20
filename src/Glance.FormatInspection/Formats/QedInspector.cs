using Glance.FormatInspection.Streaming;

namespace Glance.FormatInspection.Formats;

/// <summary>QEMU QED (magic <c>QED\0</c>). Recognised only so that it can be refused: nothing supports it.</summary>
internal sealed class QedInspector : FormatInspector
{
    private const int HeaderLength = 512;

    private static ReadOnlySpan<byte> Magic => "QED\0"u8;

    private readonly CaptureRegion header;

    public QedInspector() => header = Capture(0, HeaderLength);

    public override ImageFormat Format => ImageFormat.Qed;

    public override bool IsMatch => header.IsComplete && header.Data.StartsWith(Magic);

    public override long? VirtualSize => null;

    public override IReadOnlyList<SafetyCheckResult> RunSafetyChecks() =>
        [SafetyCheckResult.Fail(SafetyCheckNames.Banned, "QED images are not allowed")];
}
