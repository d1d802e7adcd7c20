using Glance.FormatInspection.Tests.Builders;
using Glance.FormatInspection.Tests.Support;

namespace Glance.FormatInspection.Tests;

/// <summary>Formats recognised by a fixed header alone: QED, VHD, VDI and LUKS.</summary>
public sealed class SimpleFormatInspectionTests
{
    [Fact]
    public void Inspect_QedHeader_DetectsQedAndFailsBanned()
    {
        // Arrange
        var image = QedImageBuilder.Build();

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Qed, result.Format);
        InspectionAssert.OnlyCheck(result, SafetyCheckNames.Banned, passes: false);
    }

    [Theory]
    // VHD's size is in its footer, whose copy leads the image; VDI's in its header.
    [InlineData(ImageFormat.Vhd, 5_000_000_000)]
    [InlineData(ImageFormat.Vdi, 3L << 30)]
    public void Inspect_HeaderWithSize_DetectsTheFormatWithThatSizeAndNoChecks(ImageFormat format, long virtualSize)
    {
        // Arrange
        var image = format switch
        {
            ImageFormat.Vhd => VhdImageBuilder.Build(virtualSize: (ulong)virtualSize),
            ImageFormat.Vdi => VdiImageBuilder.Build(virtualSize: (ulong)virtualSize),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(format, result.Format);
        Assert.Equal(virtualSize, result.VirtualSize);
        Assert.Empty(result.SafetyChecks);
    }

    [Fact]
    public void Inspect_VdiWithWrongSignature_IsRaw()
    {
        // Arrange
        var image = VdiImageBuilder.Build(signature: 0xbeda1070);

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Raw, result.Format);
    }

    [Fact]
    public void Inspect_Luks1_DetectsLuksSizedByPayload()
    {
        // Arrange
        var image = LuksImageBuilder.Build(payloadLength: 64 * 1024);

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Luks, result.Format);
        Assert.Equal(64 * 1024, result.VirtualSize);
        InspectionAssert.OnlyCheck(result, SafetyCheckNames.Version, passes: true);
    }

    [Fact]
    public void Inspect_Luks2_FailsVersion()
    {
        // Arrange
        var image = LuksImageBuilder.Build(version: 2);

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        InspectionAssert.Fails(result, SafetyCheckNames.Version, "LUKS version 2 is not supported");
    }

    [Fact]
    public void Inspect_LuksPayloadBeyondEnd_HasUnknownSize()
    {
        // Arrange
        var image = LuksImageBuilder.Build()[..1000];

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Luks, result.Format);
        Assert.Null(result.VirtualSize);
    }

    [Fact]
    public void Inspect_TruncatedLuksHeader_IsRaw()
    {
        // Arrange
        var image = LuksImageBuilder.Build()[..300];

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Raw, result.Format);
    }
}
