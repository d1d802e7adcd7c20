using Glance.FormatInspection.Tests.Builders;
using Glance.FormatInspection.Tests.Support;

namespace Glance.FormatInspection.Tests;

public sealed class DiskFormatMatcherTests
{
    [Fact]
    public void Match_DetectedIsDeclared_AcceptsWithInspectedVirtualSize()
    {
        // Arrange
        var inspection = Inspect.InChunks(new Qcow2ImageBuilder().WithVirtualSize(1L << 33).Build());

        // Act
        var verdict = DiskFormatMatcher.Match("qcow2", inspection);

        // Assert
        Assert.True(verdict.IsAccepted);
        Assert.Equal(DiskFormatMatchOutcome.Matched, verdict.Outcome);
        Assert.Equal(1L << 33, verdict.VirtualSize);
        Assert.Empty(verdict.Warnings);
    }

    [Theory]
    [InlineData("ami")]
    [InlineData("aki")]
    [InlineData("ari")]
    [InlineData("ploop")]
    public void Match_RawContentForUninspectableFormat_Accepts(string declared)
    {
        // Arrange
        var inspection = Inspect.InChunks(SampleImages.Get("raw"));

        // Act
        var verdict = DiskFormatMatcher.Match(declared, inspection);

        // Assert
        Assert.True(verdict.IsAccepted);
        Assert.Equal(DiskFormatMatchOutcome.UninspectableFormat, verdict.Outcome);
        Assert.Null(verdict.VirtualSize);
    }

    [Fact]
    public void Match_DeclaredRawContainingQcow2_AcceptsWithWarningSizedByBytes()
    {
        // Arrange
        var image = new Qcow2ImageBuilder().Build();
        var inspection = Inspect.InChunks(image);

        // Act
        var verdict = DiskFormatMatcher.Match("raw", inspection);

        // Assert
        Assert.True(verdict.IsAccepted);
        Assert.Equal(DiskFormatMatchOutcome.DeclaredRawContentDiffers, verdict.Outcome);
        Assert.Equal(image.Length, verdict.VirtualSize);
        Assert.Equal(
            "Image disk_format raw does not match the content (detected qcow2); accepted as raw",
            Assert.Single(verdict.Warnings));
    }

    [Theory]
    [InlineData("qcow2", "vmdk-monolithic-sparse", "Image disk_format qcow2 does not match the content (detected vmdk)")]
    [InlineData("qcow2", "raw", "Image disk_format qcow2 does not match the content (detected raw)")]
    [InlineData("ami", "qcow2", "Image disk_format ami does not match the content (detected qcow2)")]
    [InlineData("vhd", "vhdx", "Image disk_format vhd does not match the content (detected vhdx)")]
    public void Match_OtherFormatThanDeclared_RejectsWithMismatchReason(string declared, string imageName, string reason)
    {
        // Arrange
        var inspection = Inspect.InChunks(SampleImages.Get(imageName));

        // Act
        var verdict = DiskFormatMatcher.Match(declared, inspection);

        // Assert
        Assert.False(verdict.IsAccepted);
        Assert.Equal(DiskFormatMatchOutcome.FormatMismatch, verdict.Outcome);
        Assert.Equal(reason, verdict.Reason);
        Assert.Null(verdict.VirtualSize);
    }

    [Theory]
    [InlineData("qcow2")]
    [InlineData("raw")]
    public void Match_FailedSafetyCheck_RejectsWhateverWasDeclared(string declared)
    {
        // Arrange
        var inspection = Inspect.InChunks(new Qcow2ImageBuilder().WithBackingFile().Build());

        // Act
        var verdict = DiskFormatMatcher.Match(declared, inspection);

        // Assert
        Assert.False(verdict.IsAccepted);
        Assert.Equal(DiskFormatMatchOutcome.SafetyCheckFailed, verdict.Outcome);
        Assert.Equal("Image failed safety check backing_file: qcow2 header references a backing file", verdict.Reason);
    }

    [Fact]
    public void Match_SeveralFailedChecks_NamesEveryOne()
    {
        // Arrange
        var inspection = Inspect.InChunks(new Qcow2ImageBuilder().WithBackingFile().WithDataFile().Build());

        // Act
        var verdict = DiskFormatMatcher.Match("qcow2", inspection);

        // Assert
        Assert.Equal(
            "Image failed safety checks backing_file: qcow2 header references a backing file; "
                + "data_file: qcow2 header enables an external data file",
            verdict.Reason);
    }

    [Fact]
    public void Match_QedDeclaredQed_RejectsAsBanned()
    {
        // Arrange
        var inspection = Inspect.InChunks(QedImageBuilder.Build());

        // Act
        var verdict = DiskFormatMatcher.Match("qed", inspection);

        // Assert
        Assert.False(verdict.IsAccepted);
        Assert.Equal("Image failed safety check banned: QED images are not allowed", verdict.Reason);
    }

    [Fact]
    public void Match_AmbiguousContent_Rejects()
    {
        // Arrange
        var image = new Qcow2ImageBuilder().Build();
        image[510] = 0x55;
        image[511] = 0xAA;
        var inspection = Inspect.InChunks(image);

        // Act
        var verdict = DiskFormatMatcher.Match("qcow2", inspection);

        // Assert
        Assert.False(verdict.IsAccepted);
        Assert.Equal(DiskFormatMatchOutcome.AmbiguousFormat, verdict.Outcome);
        Assert.Equal("Image content matches more than one format: qcow2, gpt", verdict.Reason);
    }

    [Fact]
    public void Match_HybridIsoDeclaredIso_AcceptsWithVolumeSize()
    {
        // Arrange
        var inspection = Inspect.InChunks(new IsoImageBuilder().WithHybridMbr().WithVolume(1000).Build());

        // Act
        var verdict = DiskFormatMatcher.Match("iso", inspection);

        // Assert
        Assert.True(verdict.IsAccepted);
        Assert.Equal(1000L * 2048, verdict.VirtualSize);
    }

    [Fact]
    public void Match_GptCheckListedAsNonFatal_AcceptsWithWarning()
    {
        // Arrange
        var inspection = Inspect.InChunks(new MbrImageBuilder().Build());
        var options = new DiskFormatMatchOptions { NonFatalGptChecks = new HashSet<string> { SafetyCheckNames.Mbr } };

        // Act
        var verdict = DiskFormatMatcher.Match("raw", inspection, options);

        // Assert
        Assert.True(verdict.IsAccepted);
        Assert.Contains("Image failed safety check mbr: MBR defines no partitions", verdict.Warnings);
    }

    [Fact]
    public void Match_GptFailureByDefault_Rejects()
    {
        // Arrange
        var inspection = Inspect.InChunks(new MbrImageBuilder().Build());

        // Act
        var verdict = DiskFormatMatcher.Match("raw", inspection);

        // Assert
        Assert.False(verdict.IsAccepted);
        Assert.Equal(DiskFormatMatchOutcome.SafetyCheckFailed, verdict.Outcome);
    }

    [Fact]
    public void Match_FormatMatchNotRequired_AcceptsMismatchWithWarning()
    {
        // Arrange
        var inspection = Inspect.InChunks(SampleImages.Get("vhdx"));
        var options = new DiskFormatMatchOptions { RequireFormatMatch = false };

        // Act
        var verdict = DiskFormatMatcher.Match("qcow2", inspection, options);

        // Assert
        Assert.True(verdict.IsAccepted);
        Assert.Equal(DiskFormatMatchOutcome.FormatMismatch, verdict.Outcome);
        Assert.Equal("Image disk_format qcow2 does not match the content (detected vhdx)", Assert.Single(verdict.Warnings));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Match_BlankDeclaredFormat_Throws(string declared)
    {
        // Arrange
        var inspection = Inspect.InChunks([]);

        // Act
        var error = Record.Exception(() => DiskFormatMatcher.Match(declared, inspection));

        // Assert
        Assert.IsAssignableFrom<ArgumentException>(error);
    }
}
