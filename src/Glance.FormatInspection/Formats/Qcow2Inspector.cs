using Glance.FormatInspection.Streaming;

namespace Glance.FormatInspection.Formats;

/// <summary>
/// QEMU qcow2: big-endian header with magic <c>QFI\xFB</c>, version at 4, backing-file offset at 8, size at 24 and
/// (version 3) the incompatible-feature bits at 72. See qemu docs/interop/qcow2.txt.
/// </summary>
internal sealed class Qcow2Inspector : FormatInspector
{
    private const int HeaderLength = 512;
    private const int VersionOffset = 4;
    private const int BackingFileOffsetOffset = 8;
    private const int SizeOffset = 24;
    private const int IncompatibleFeaturesOffset = 72;
    private const ulong ExternalDataFileBit = 1UL << 2;

    // Dirty, corrupt, external data file and compression type. Like oslo.utils, anything newer (extended L2
    // entries included) counts as unknown: a bit we have not reviewed may change how qemu reads the image.
    private const ulong KnownIncompatibleFeatures = 0b1111;

    private static ReadOnlySpan<byte> Magic => [(byte)'Q', (byte)'F', (byte)'I', 0xFB];

    private readonly CaptureRegion header;

    public Qcow2Inspector() => header = Capture(0, HeaderLength);

    public override ImageFormat Format => ImageFormat.Qcow2;

    public override bool IsMatch => header.IsComplete && header.Data.StartsWith(Magic);

    public override long? VirtualSize => HeaderFields.AsSize(HeaderFields.UInt64BigEndian(header.Data, SizeOffset));

    private uint Version => HeaderFields.UInt32BigEndian(header.Data, VersionOffset);

    private ulong IncompatibleFeatures => HeaderFields.UInt64BigEndian(header.Data, IncompatibleFeaturesOffset);

    public override IReadOnlyList<SafetyCheckResult> RunSafetyChecks() =>
    [
        SafetyCheckResult.FromProblem(SafetyCheckNames.BackingFile, FindBackingFile()),
        SafetyCheckResult.FromProblem(SafetyCheckNames.DataFile, FindDataFile()),
        SafetyCheckResult.FromProblem(SafetyCheckNames.UnknownFeatures, FindUnknownFeatures()),
    ];

    private string? FindBackingFile() =>
        HeaderFields.UInt64BigEndian(header.Data, BackingFileOffsetOffset) != 0
            ? "qcow2 header references a backing file"
            : null;

    // Version 2 headers end before the feature bits (bytes 72+ belong to whatever follows), and qemu never
    // sets them for version 2; any other version is refused by unknown_features anyway.
    private string? FindDataFile() =>
        Version != 2 && (IncompatibleFeatures & ExternalDataFileBit) != 0
            ? "qcow2 header enables an external data file"
            : null;

    private string? FindUnknownFeatures()
    {
        if (Version == 2)
        {
            return null;
        }

        if (Version != 3)
        {
            return $"qcow2 version {Version} is not supported";
        }

        var unknown = IncompatibleFeatures & ~KnownIncompatibleFeatures;
        return unknown != 0 ? $"qcow2 header sets unknown incompatible feature bits 0x{unknown:x}" : null;
    }
}
