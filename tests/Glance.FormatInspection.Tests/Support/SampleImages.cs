using Glance.FormatInspection.Tests.Builders;

namespace Glance.FormatInspection.Tests.Support;

/// <summary>One small, hand-built image per format and per interesting variant, by name.</summary>
internal static class SampleImages
{
    private static readonly Dictionary<string, Func<byte[]>> Builders = new()
    {
        ["raw"] = () => Enumerable.Range(0, 10_000).Select(i => (byte)(i * 31)).ToArray(),
        ["qcow2"] = () => new Qcow2ImageBuilder().Build(),
        ["qcow2-backing-file"] = () => new Qcow2ImageBuilder().WithBackingFile().Build(),
        ["qcow2-data-file"] = () => new Qcow2ImageBuilder().WithDataFile().Build(),
        ["qcow2-v2"] = () => new Qcow2ImageBuilder().WithVersion(2).Build(),
        ["qed"] = () => QedImageBuilder.Build(),
        ["vhd"] = () => VhdImageBuilder.Build(),
        ["vhdx"] = () => new VhdxImageBuilder().Build(),
        ["vhdx-metadata-after-table"] = () => new VhdxImageBuilder().WithMetadataOffset((192 * 1024) + 16 + 64).Build(),
        ["vmdk-monolithic-sparse"] = () => new VmdkImageBuilder().Build(),
        ["vmdk-stream-footer"] = () => new VmdkImageBuilder().WithFooter().Build(),
        ["vmdk-stream-bad-footer"] = () => new VmdkImageBuilder().WithFooter(VmdkFooterDefect.EndOfStreamMarker).Build(),
        ["vmdk-flat-text"] = () => VmdkImageBuilder.TextDescriptorFile("monolithicFlat", "RW 2048 FLAT \"disk-flat.vmdk\" 0"),
        ["vdi"] = () => VdiImageBuilder.Build(),
        ["iso"] = () => new IsoImageBuilder().Build(),
        ["iso-hybrid"] = () => new IsoImageBuilder().WithHybridMbr().Build(),
        ["gpt"] = MbrImageBuilder.ProtectiveGpt,
        ["fat"] = MbrImageBuilder.FatBootRecord,
        ["luks"] = () => LuksImageBuilder.Build(),
    };

    public static IEnumerable<string> Names => Builders.Keys;

    public static TheoryData<string> NamesData
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var name in Names)
            {
                data.Add(name);
            }

            return data;
        }
    }

    public static byte[] Get(string name) => Builders[name]();
}
