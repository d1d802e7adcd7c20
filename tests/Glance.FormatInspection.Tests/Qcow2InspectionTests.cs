using Glance.FormatInspection.Tests.Builders;
using Glance.FormatInspection.Tests.Support;

namespace Glance.FormatInspection.Tests;

public sealed class Qcow2InspectionTests
{
    [Fact]
    public void Inspect_Qcow2Header_DetectsQcow2WithHeaderSize()
    {
        // Arrange
        var image = new Qcow2ImageBuilder().WithVirtualSize(10L << 30).Build();

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Qcow2, result.Format);
        Assert.Equal(10L << 30, result.VirtualSize);
        Assert.Equal(image.Length, result.BytesRead);
    }

    [Fact]
    public void Inspect_PlainQcow2_PassesEveryCheck()
    {
        // Arrange
        var image = new Qcow2ImageBuilder().Build();

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(
            [SafetyCheckNames.BackingFile, SafetyCheckNames.DataFile, SafetyCheckNames.UnknownFeatures],
            result.SafetyChecks.Select(check => check.Name));
        Assert.All(result.SafetyChecks, check => Assert.True(check.Passed, check.Reason));
    }

    [Fact]
    public void Inspect_BackingFile_FailsBackingFileCheck()
    {
        // Arrange
        var image = new Qcow2ImageBuilder().WithBackingFile("/etc/passwd").Build();

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        InspectionAssert.Fails(result, SafetyCheckNames.BackingFile, "qcow2 header references a backing file");
        Assert.True(Inspect.Check(result, SafetyCheckNames.DataFile).Passed);
    }

    [Fact]
    public void Inspect_DataFileBit_FailsDataFileCheck()
    {
        // Arrange
        var image = new Qcow2ImageBuilder().WithDataFile().Build();

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        InspectionAssert.Fails(result, SafetyCheckNames.DataFile, "qcow2 header enables an external data file");
        Assert.True(Inspect.Check(result, SafetyCheckNames.UnknownFeatures).Passed);
    }

    [Fact]
    public void Inspect_Version2_PassesFeatureChecks()
    {
        // Arrange
        var image = new Qcow2ImageBuilder().WithVersion(2).Build();

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Qcow2, result.Format);
        Assert.All(result.SafetyChecks, check => Assert.True(check.Passed, check.Reason));
    }

    [Theory]
    [InlineData(1u)]
    [InlineData(4u)]
    public void Inspect_UnsupportedVersion_FailsUnknownFeatures(uint version)
    {
        // Arrange
        var image = new Qcow2ImageBuilder().WithVersion(version).Build();

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        InspectionAssert.Fails(result, SafetyCheckNames.UnknownFeatures, $"qcow2 version {version} is not supported");
    }

    [Theory]
    [InlineData(Qcow2ImageBuilder.ExtendedL2Bit)]
    [InlineData(1UL << 9)]
    [InlineData(1UL << 63)]
    public void Inspect_UnknownIncompatibleFeature_FailsUnknownFeatures(ulong bit)
    {
        // Arrange
        var image = new Qcow2ImageBuilder().WithIncompatibleFeatures(bit | 1).Build();

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        InspectionAssert.Fails(result, SafetyCheckNames.UnknownFeatures, $"qcow2 header sets unknown incompatible feature bits 0x{bit:x}");
    }

    [Fact]
    public void Inspect_DirtyCorruptAndCompressionBits_PassUnknownFeatures()
    {
        // Arrange
        var image = new Qcow2ImageBuilder().WithIncompatibleFeatures(0b1011).Build();

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.All(result.SafetyChecks, check => Assert.True(check.Passed, check.Reason));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(104)]
    [InlineData(511)]
    public void Inspect_TruncatedHeader_IsRaw(int length)
    {
        // Arrange
        var image = new Qcow2ImageBuilder().WithBackingFile().Build()[..length];

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Raw, result.Format);
        Assert.Equal(length, result.VirtualSize);
    }
}
