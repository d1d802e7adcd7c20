using Glance.FormatInspection.Tests.Builders;
using Glance.FormatInspection.Tests.Support;

namespace Glance.FormatInspection.Tests;

public sealed class IsoInspectionTests
{
    [Fact]
    public void Inspect_Iso9660_DetectsIsoSizedByVolumeDescriptor()
    {
        // Arrange
        var image = new IsoImageBuilder().WithVolume(blocks: 300_000).Build();

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Iso, result.Format);
        Assert.Equal(300_000L * 2048, result.VirtualSize);
        Assert.Empty(result.SafetyChecks);
    }

    [Theory]
    [InlineData("NSR02")]
    [InlineData("NSR03")]
    public void Inspect_UdfDescriptor_DetectsIsoWithUnknownSize(string identifier)
    {
        // Arrange
        var image = new IsoImageBuilder().WithIdentifier(identifier, type: 0).Build();

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Iso, result.Format);
        Assert.Null(result.VirtualSize);
    }

    [Fact]
    public void Inspect_HybridIsoWithMbr_CountsAsIso()
    {
        // Arrange
        var image = new IsoImageBuilder().WithHybridMbr().Build();

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Iso, result.Format);
        Assert.Equal([ImageFormat.Iso, ImageFormat.Gpt], result.MatchedFormats.Order());
        Assert.Empty(result.SafetyChecks);
    }

    [Fact]
    public void Inspect_StreamEndingInsideVolumeDescriptor_IsRaw()
    {
        // Arrange
        var image = new IsoImageBuilder().Build()[..(33 * 1024)];

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Raw, result.Format);
    }
}
