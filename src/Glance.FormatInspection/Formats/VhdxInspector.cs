using Glance.FormatInspection.Streaming;

namespace Glance.FormatInspection.Formats;

/// <summary>
/// Microsoft VHDX: identifier <c>vhdxfile</c> at 0 and a chain of little-endian tables leading to the virtual size.
/// The region table at 192 KiB points at the metadata region, whose table points at the Virtual Disk Size item.
/// Each table is captured only once the previous one says where it is and how long it is (at most 2047 entries
/// of 32 bytes, as in the specification and qemu), so memory stays under 64 KiB per table.
/// A broken chain leaves the virtual size unknown; the identifier alone decides the match.
/// </summary>
internal sealed class VhdxInspector : FormatInspector
{
    private const int RegionTableOffset = 192 * 1024;
    private const int TableHeaderLength = 16;
    private const int MetadataHeaderLength = 32;
    private const int EntryLength = 32;
    private const int MaxEntries = 2047;
    private const int VirtualDiskSizeLength = 8;

    private static readonly Guid MetadataRegionId = new("8B7CA206-4790-4B9A-B8FE-575F050F886E");
    private static readonly Guid VirtualDiskSizeId = new("2FA54224-CD1B-4876-B211-5DBED83BF4B8");

    private static ReadOnlySpan<byte> Identifier => "vhdxfile"u8;

    private readonly CaptureRegion identifier;
    private long metadataRegionOffset;
    private long? virtualSize;

    public VhdxInspector()
    {
        identifier = Capture(0, Identifier.Length);
        Capture(RegionTableOffset, TableHeaderLength, OnRegionTableHeader);
    }

    public override ImageFormat Format => ImageFormat.Vhdx;

    public override bool IsMatch => identifier.IsComplete && identifier.Data.SequenceEqual(Identifier);

    public override long? VirtualSize => virtualSize;

    private void OnRegionTableHeader(CaptureRegion header)
    {
        if (!header.Data.StartsWith("regi"u8))
        {
            return;
        }

        var count = HeaderFields.UInt32LittleEndian(header.Data, 8);
        if (count <= MaxEntries)
        {
            Capture(header.End, (int)count * EntryLength, OnRegionTableEntries);
        }
    }

    private void OnRegionTableEntries(CaptureRegion entries)
    {
        var entry = FindEntry(entries.Data, MetadataRegionId);
        if (entry.IsEmpty)
        {
            return;
        }

        var offset = HeaderFields.UInt64LittleEndian(entry, 16);
        if (offset <= long.MaxValue)
        {
            metadataRegionOffset = (long)offset;
            Capture(metadataRegionOffset, MetadataHeaderLength, OnMetadataHeader);
        }
    }

    private void OnMetadataHeader(CaptureRegion header)
    {
        if (!header.Data.StartsWith("metadata"u8))
        {
            return;
        }

        var count = HeaderFields.UInt16LittleEndian(header.Data, 10);
        if (count <= MaxEntries)
        {
            Capture(header.End, count * EntryLength, OnMetadataEntries);
        }
    }

    private void OnMetadataEntries(CaptureRegion entries)
    {
        var entry = FindEntry(entries.Data, VirtualDiskSizeId);
        if (entry.IsEmpty)
        {
            return;
        }

        // Item offsets count from the start of the metadata region, not of the file.
        var itemOffset = HeaderFields.UInt32LittleEndian(entry, 16);
        var itemLength = HeaderFields.UInt32LittleEndian(entry, 20);
        if (itemLength >= VirtualDiskSizeLength && metadataRegionOffset <= long.MaxValue - itemOffset)
        {
            Capture(metadataRegionOffset + itemOffset, VirtualDiskSizeLength, OnVirtualDiskSize);
        }
    }

    private void OnVirtualDiskSize(CaptureRegion item) =>
        virtualSize = HeaderFields.AsSize(HeaderFields.UInt64LittleEndian(item.Data, 0));

    private static ReadOnlySpan<byte> FindEntry(ReadOnlySpan<byte> entries, Guid id)
    {
        for (var start = 0; start + EntryLength <= entries.Length; start += EntryLength)
        {
            var entry = entries.Slice(start, EntryLength);
            if (new Guid(entry[..16]) == id)
            {
                return entry;
            }
        }

        return [];
    }
}
