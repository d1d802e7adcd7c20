using Glance.FormatInspection.Tests.Builders;
using Glance.FormatInspection.Tests.Support;

namespace Glance.FormatInspection.Tests;

/// <summary>How the per-format verdicts combine into one.</summary>
public sealed class DetectionTests
{
    [Fact]
    public void Inspect_EmptyStream_IsRawOfSizeZero()
    {
        // Arrange
        var inspector = new ImageFormatInspector();

        // Act
        var result = inspector.Finish();

        // Assert
        Assert.Equal(ImageFormat.Raw, result.Format);
        Assert.Equal(0, result.VirtualSize);
        Assert.Empty(result.MatchedFormats);
        Assert.Empty(result.SafetyChecks);
    }

    [Fact]
    public void Inspect_UnrecognisedBytes_IsRawSizedByBytesRead()
    {
        // Arrange
        var image = SampleImages.Get("raw");

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Raw, result.Format);
        Assert.Equal(image.Length, result.VirtualSize);
        Assert.Equal(image.Length, result.BytesRead);
    }

    [Fact]
    public void Inspect_Qcow2CarryingMbrSignature_IsAmbiguous()
    {
        // Arrange
        var image = new Qcow2ImageBuilder().Build();
        new MbrImageBuilder().WithPartition(0, 0x80, 0x83, [0, 1, 0], 63, 1000).BuildSector()
            .AsSpan(446).CopyTo(image.AsSpan(446));

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Null(result.Format);
        Assert.True(result.IsAmbiguous);
        Assert.Equal([ImageFormat.Qcow2, ImageFormat.Gpt], result.MatchedFormats);
        Assert.Equal("Image content matches more than one format: qcow2, gpt", result.DetectionError);
        Assert.Null(result.VirtualSize);
    }

    [Fact]
    public void Inspect_Qcow2HeaderWithIsoDescriptorBehind_IsAmbiguous()
    {
        // Arrange
        var iso = new IsoImageBuilder().Build();
        new Qcow2ImageBuilder().Build().AsSpan(0, 512).CopyTo(iso);

        // Act
        var result = Inspect.Consistently(iso);

        // Assert
        Assert.Null(result.Format);
        Assert.Equal([ImageFormat.Qcow2, ImageFormat.Iso], result.MatchedFormats);
    }
}
