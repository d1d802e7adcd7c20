using Glance.FormatInspection.Tests.Builders;
using Glance.FormatInspection.Tests.Support;

namespace Glance.FormatInspection.Tests;

public sealed class GptInspectionTests
{
    [Fact]
    public void Inspect_ProtectiveMbr_DetectsGptSizedByBytesAndPassesMbr()
    {
        // Arrange
        var image = MbrImageBuilder.ProtectiveGpt();

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Gpt, result.Format);
        Assert.Equal(image.Length, result.VirtualSize);
        InspectionAssert.OnlyCheck(result, SafetyCheckNames.Mbr, passes: true);
    }

    [Fact]
    public void Inspect_LegacyPartitionTable_PassesMbr()
    {
        // Arrange
        var image = new MbrImageBuilder()
            .WithPartition(0, 0x80, 0x83, [0x20, 0x21, 0x00], 2048, 100_000)
            .WithPartition(1, 0x00, 0x82, [0x20, 0x21, 0x00], 102_048, 8_000)
            .Build();

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Gpt, result.Format);
        Assert.True(Inspect.Check(result, SafetyCheckNames.Mbr).Passed);
    }

    public static TheoryData<string, string> BadPartitionTables => new()
    {
        { "boot flag", "MBR partition 1 has an invalid boot flag 0x01" },
        { "protective chs", "GPT protective partition does not start at CHS 0/2/0" },
        { "protective lba", "GPT protective partition does not start at LBA 1" },
        { "extra partition", "GPT protective MBR defines partitions besides the protective one" },
        { "protective not first", "GPT protective MBR defines partitions besides the protective one" },
        { "empty", "MBR defines no partitions" },
    };

    [Theory]
    [MemberData(nameof(BadPartitionTables))]
    public void Inspect_BadPartitionTable_FailsMbr(string defect, string reason)
    {
        // Arrange
        var builder = new MbrImageBuilder();
        _ = defect switch
        {
            "boot flag" => builder.WithPartition(0, 0x80, 0x83, [0, 1, 0], 63, 1000).WithPartition(1, 0x01, 0x83, [0, 1, 0], 1063, 10),
            "protective chs" => builder.WithPartition(0, 0x00, 0xEE, [0x00, 0x01, 0x00], 1, 63),
            "protective lba" => builder.WithPartition(0, 0x00, 0xEE, [0x00, 0x02, 0x00], 2, 63),
            "extra partition" => builder.WithPartition(0, 0x00, 0xEE, [0x00, 0x02, 0x00], 1, 63).WithPartition(1, 0x00, 0x83, [0, 1, 0], 1, 63),
            "protective not first" => builder.WithPartition(1, 0x00, 0xEE, [0x00, 0x02, 0x00], 1, 63),
            "empty" => builder,
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };

        // Act
        var result = Inspect.Consistently(builder.Build());

        // Assert
        Assert.Equal(ImageFormat.Gpt, result.Format);
        InspectionAssert.Fails(result, SafetyCheckNames.Mbr, reason);
    }

    [Fact]
    public void Inspect_FatBootRecord_IsRaw()
    {
        // Arrange
        var image = MbrImageBuilder.FatBootRecord();

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Raw, result.Format);
    }
}
