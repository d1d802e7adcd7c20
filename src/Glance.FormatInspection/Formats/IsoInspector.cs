using Glance.FormatInspection.Streaming;

namespace Glance.FormatInspection.Formats;

/// <summary>
/// ISO 9660 / UDF: the first volume descriptor sits at 32 KiB (after the 16-sector system area), with its
/// standard identifier at byte 1. A primary volume descriptor (type 1) gives the volume size in blocks at 80
/// and the block size at 128, both stored little-endian first.
/// </summary>
internal sealed class IsoInspector : FormatInspector
{
    private const int DescriptorOffset = 32 * 1024;
    private const int DescriptorLength = 2048;
    private const byte PrimaryVolumeDescriptor = 1;
    private const int VolumeSpaceSizeOffset = 80;
    private const int LogicalBlockSizeOffset = 128;

    private readonly CaptureRegion descriptor;

    public IsoInspector() => descriptor = Capture(DescriptorOffset, DescriptorLength);

    public override ImageFormat Format => ImageFormat.Iso;

    public override bool IsMatch
    {
        get
        {
            if (!descriptor.IsComplete)
            {
                return false;
            }

            var identifier = descriptor.Data.Slice(1, 5);
            return identifier.SequenceEqual("CD001"u8) || identifier.SequenceEqual("NSR02"u8)
                || identifier.SequenceEqual("NSR03"u8);
        }
    }

    public override long? VirtualSize
    {
        get
        {
            var data = descriptor.Data;
            if (data[0] != PrimaryVolumeDescriptor)
            {
                return null;
            }

            var blocks = HeaderFields.UInt32LittleEndian(data, VolumeSpaceSizeOffset);
            var blockSize = HeaderFields.UInt16LittleEndian(data, LogicalBlockSizeOffset);
            return HeaderFields.AsSize(blocks, blockSize);
        }
    }
}
