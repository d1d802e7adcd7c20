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
        var check = Assert.Single(result.SafetyChecks);
        Assert.Equal(SafetyCheckNames.Banned, check.Name);
        Assert.False(check.Passed);
    }

    [Fact]
    public void Inspect_VhdFooterCopy_DetectsVhdWithFooterSize()
    {
        // Arrange
        var image = VhdImageBuilder.Build(virtualSize: 5_000_000_000);

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Vhd, result.Format);
        Assert.Equal(5_000_000_000, result.VirtualSize);
        Assert.Empty(result.SafetyChecks);
    }

    [Fact]
    public void Inspect_VdiHeader_DetectsVdiWithHeaderSize()
    {
        // Arrange
        var image = VdiImageBuilder.Build(virtualSize: 3L << 30);

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Vdi, result.Format);
        Assert.Equal(3L << 30, result.VirtualSize);
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
        var check = Assert.Single(result.SafetyChecks);
        Assert.Equal(SafetyCheckNames.Version, check.Name);
        Assert.True(check.Passed);
    }

    [Fact]
    public void Inspect_Luks2_FailsVersion()
    {
        // Arrange
        var image = LuksImageBuilder.Build(version: 2);

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        var check = Inspect.Check(result, SafetyCheckNames.Version);
        Assert.False(check.Passed);
        Assert.Equal("LUKS version 2 is not supported", check.Reason);
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
