using Glance.FormatInspection.Streaming;

namespace Glance.FormatInspection.Formats;

/// <summary>
/// An MBR (legacy or GPT's protective one): signature 0x55AA at 510, four 16-byte partition entries from 446.
/// A FAT volume boot record carries the same signature and is excluded by its BIOS parameter block.
/// </summary>
internal sealed class GptInspector : FormatInspector
{
    private const int MbrLength = 512;
    private const int PartitionTableOffset = 446;
    private const int PartitionEntryLength = 16;
    private const int PartitionCount = 4;
    private const byte ProtectivePartitionType = 0xEE;
    private const int FatCountOffset = 0x10;
    private const int MediaDescriptorOffset = 0x15;
    private const byte FixedDiskMedia = 0xF8;

    private readonly CaptureRegion mbr;

    public GptInspector() => mbr = Capture(0, MbrLength);

    public override ImageFormat Format => ImageFormat.Gpt;

    public override bool IsMatch => mbr.IsComplete && mbr.Data[510] == 0x55 && mbr.Data[511] == 0xAA && !IsFatBootRecord;

    // A partitioned disk image is a raw disk: its size is the bytes it holds.
    public override long? VirtualSize => TotalBytes;

    // Two FATs on a fixed disk is what every FAT volume of any real size declares.
    private bool IsFatBootRecord => mbr.Data[FatCountOffset] == 2 && mbr.Data[MediaDescriptorOffset] == FixedDiskMedia;

    public override IReadOnlyList<SafetyCheckResult> RunSafetyChecks() =>
        [SafetyCheckResult.FromProblem(SafetyCheckNames.Mbr, FindPartitionTableProblem())];

    private string? FindPartitionTableProblem()
    {
        var used = new List<int>();
        var protective = false;
        for (var index = 0; index < PartitionCount; index++)
        {
            var entry = mbr.Data.Slice(PartitionTableOffset + (index * PartitionEntryLength), PartitionEntryLength);
            if (entry[0] is not (0x00 or 0x80))
            {
                return $"MBR partition {index} has an invalid boot flag 0x{entry[0]:x2}";
            }

            var type = entry[4];
            if (type != 0)
            {
                used.Add(index);
            }

            if (type != ProtectivePartitionType)
            {
                continue;
            }

            protective = true;
            if (entry[1] != 0x00 || entry[2] != 0x02 || entry[3] != 0x00)
            {
                return "GPT protective partition does not start at CHS 0/2/0";
            }

            if (HeaderFields.UInt32LittleEndian(entry, 8) != 1)
            {
                return "GPT protective partition does not start at LBA 1";
            }
        }

        if (protective && used is not [0])
        {
            return "GPT protective MBR defines partitions besides the protective one";
        }

        return used.Count == 0 ? "MBR defines no partitions" : null;
    }
}
