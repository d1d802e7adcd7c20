using Glance.FormatInspection.Tests.Builders;
using Glance.FormatInspection.Tests.Support;

namespace Glance.FormatInspection.Tests;

public sealed class VhdxInspectionTests
{
    [Fact]
    public void Inspect_Vhdx_ReadsVirtualDiskSizeFromMetadata()
    {
        // Arrange
        var image = new VhdxImageBuilder().WithVirtualSize(40L << 30).Build();

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Vhdx, result.Format);
        Assert.Equal(40L << 30, result.VirtualSize);
        Assert.Empty(result.SafetyChecks);
    }

    [Fact]
    public void Inspect_MetadataStartingRightAfterRegionTable_ReadsVirtualDiskSize()
    {
        // Arrange
        var image = new VhdxImageBuilder().WithMetadataOffset((192 * 1024) + 16 + 64).WithVirtualSize(12345 * 512).Build();

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(12345 * 512, result.VirtualSize);
    }

    [Fact]
    public void Inspect_MetadataBeforeRegionTable_HasUnknownSize()
    {
        // Arrange: the stream has already passed the metadata when the region table points at it
        var image = new VhdxImageBuilder().WithMetadataOffset(64 * 1024).Build();

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Vhdx, result.Format);
        Assert.Null(result.VirtualSize);
    }

    public static TheoryData<string> BrokenChains => new()
    {
        "region signature",
        "region count",
        "no metadata region",
        "metadata signature",
        "no virtual disk size",
        "item before table",
    };

    [Theory]
    [MemberData(nameof(BrokenChains))]
    public void Inspect_BrokenMetadataChain_StaysVhdxWithUnknownSize(string defect)
    {
        // Arrange
        var builder = new VhdxImageBuilder();
        _ = defect switch
        {
            "region signature" => builder.WithRegionSignature("rege"),
            "region count" => builder.WithRegionCount(2048),
            "no metadata region" => builder.WithoutMetadataRegion(),
            "metadata signature" => builder.WithMetadataSignature("metadaty"),
            "no virtual disk size" => builder.WithoutVirtualDiskSize(),
            "item before table" => builder.WithVirtualDiskSizeItemOffset(8),
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };

        // Act
        var result = Inspect.Consistently(builder.Build());

        // Assert
        Assert.Equal(ImageFormat.Vhdx, result.Format);
        Assert.Null(result.VirtualSize);
    }

    [Fact]
    public void Inspect_StreamEndingBeforeRegionTable_StaysVhdxWithUnknownSize()
    {
        // Arrange
        var image = new VhdxImageBuilder().Build()[..(100 * 1024)];

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Vhdx, result.Format);
        Assert.Null(result.VirtualSize);
    }
}
