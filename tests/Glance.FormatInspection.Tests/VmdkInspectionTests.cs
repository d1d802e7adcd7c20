using System.Text;
using Glance.FormatInspection.Tests.Builders;
using Glance.FormatInspection.Tests.Support;

namespace Glance.FormatInspection.Tests;

public sealed class VmdkInspectionTests
{
    [Fact]
    public void Inspect_MonolithicSparse_DetectsVmdkSizedByCapacity()
    {
        // Arrange
        var image = new VmdkImageBuilder().WithCapacitySectors(4_194_304).Build();

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Vmdk, result.Format);
        Assert.Equal(4_194_304L * 512, result.VirtualSize);
        InspectionAssert.OnlyCheck(result, SafetyCheckNames.Descriptor, passes: true);
    }

    [Fact]
    public void Inspect_StreamOptimizedWithFooter_PassesDescriptorAndFooter()
    {
        // Arrange
        var image = new VmdkImageBuilder().WithFooter().Build();

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Vmdk, result.Format);
        Assert.Equal([SafetyCheckNames.Descriptor, SafetyCheckNames.Footer], result.SafetyChecks.Select(check => check.Name));
        Assert.All(result.SafetyChecks, check => Assert.True(check.Passed, check.Reason));
    }

    [Theory]
    [InlineData(VmdkFooterDefect.MissingFooter, "VMDK footer marker is invalid")]
    [InlineData(VmdkFooterDefect.FooterMarkerType, "VMDK footer marker is invalid")]
    [InlineData(VmdkFooterDefect.FooterSignature, "VMDK footer signature does not match the header")]
    [InlineData(VmdkFooterDefect.FooterVersion, "VMDK footer version does not match the header")]
    [InlineData(VmdkFooterDefect.FooterCapacity, "VMDK footer capacity does not match the header")]
    [InlineData(VmdkFooterDefect.FooterDescriptor, "VMDK footer points at a different descriptor than the header")]
    [InlineData(VmdkFooterDefect.FooterAnnouncesFooter, "VMDK footer announces another footer")]
    [InlineData(VmdkFooterDefect.EndOfStreamMarker, "VMDK end-of-stream marker is invalid")]
    public void Inspect_DefectiveFooter_FailsFooter(VmdkFooterDefect defect, string reason)
    {
        // Arrange
        var image = new VmdkImageBuilder().WithFooter(defect).Build();

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        InspectionAssert.Fails(result, SafetyCheckNames.Footer, reason);
        Assert.True(Inspect.Check(result, SafetyCheckNames.Descriptor).Passed);
    }

    [Fact]
    public void Inspect_FooterAnnouncedInTinyStream_FailsFooter()
    {
        // Arrange
        var image = new VmdkImageBuilder().WithFooter().WithDescriptorLocation(1, 1).Build()[..1500];

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal("VMDK stream is too short for the footer its header announces", Inspect.Check(result, SafetyCheckNames.Footer).Reason);
    }

    [Theory]
    [InlineData("monolithicFlat")]
    [InlineData("twoGbMaxExtentSparse")]
    [InlineData("vmfs")]
    public void Inspect_OtherCreateType_FailsDescriptorWithUnknownSize(string createType)
    {
        // Arrange
        var image = new VmdkImageBuilder().WithCreateType(createType).Build();

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Vmdk, result.Format);
        Assert.Null(result.VirtualSize);
        InspectionAssert.Fails(result, SafetyCheckNames.Descriptor,
            $"VMDK createType '{createType.ToLowerInvariant()}' is not allowed (only monolithicSparse and streamOptimized)");
    }

    public static TheoryData<string, string, string> BadDescriptors => new()
    {
        { "extent path", "RW 2048 FLAT \"/etc/passwd\" 0", "VMDK extent on descriptor line 8 names a path" },
        { "relative path", "RW 2048 SPARSE \"../other/disk.vmdk\"", "VMDK extent on descriptor line 8 names a path" },
        { "unknown line", "this line means nothing", "VMDK descriptor line 8 is not a comment, ddb entry, field or extent" },
        { "no extents", "# no extents at all", "VMDK descriptor has no extents" },
    };

    [Theory]
    [MemberData(nameof(BadDescriptors))]
    public void Inspect_BadExtentSection_FailsDescriptor(string defect, string extentLine, string reason)
    {
        // Arrange
        var image = new VmdkImageBuilder().WithExtentLine(extentLine).Build();

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        InspectionAssert.Fails(result, SafetyCheckNames.Descriptor, reason, defect);
    }

    [Fact]
    public void Inspect_ParentFileNameHint_FailsDescriptor()
    {
        // Arrange
        var image = new VmdkImageBuilder().WithDescriptorLine("parentFileNameHint=\"base.vmdk\"").Build();

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(
            "VMDK descriptor names a parent file (parentFileNameHint)",
            Inspect.Check(result, SafetyCheckNames.Descriptor).Reason);
    }

    [Fact]
    public void Inspect_NonAsciiDescriptor_FailsDescriptor()
    {
        // Arrange: a Latin-1 byte inside the first comment line
        var image = new VmdkImageBuilder().Build();
        image[512 + 2] = 0xE9;

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal("VMDK descriptor is not ASCII text", Inspect.Check(result, SafetyCheckNames.Descriptor).Reason);
    }

    [Theory]
    [InlineData(0u, "VMDK sparse header version 0 is not supported")]
    [InlineData(4u, "VMDK sparse header version 4 is not supported")]
    public void Inspect_UnsupportedHeaderVersion_FailsDescriptor(uint version, string reason)
    {
        // Arrange
        var image = new VmdkImageBuilder().WithVersion(version).Build();

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Vmdk, result.Format);
        Assert.Equal(reason, Inspect.Check(result, SafetyCheckNames.Descriptor).Reason);
    }

    [Theory]
    [InlineData(0UL, 20UL, "VMDK descriptor does not start at sector 1")]
    [InlineData(2UL, 20UL, "VMDK descriptor does not start at sector 1")]
    [InlineData(1UL, 0UL, "VMDK header declares an empty descriptor")]
    public void Inspect_DescriptorOutsideSectorOne_FailsDescriptor(ulong offset, ulong size, string reason)
    {
        // Arrange
        var image = new VmdkImageBuilder().WithDescriptorLocation(offset, size).Build();

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(reason, Inspect.Check(result, SafetyCheckNames.Descriptor).Reason);
    }

    [Fact]
    public void Inspect_StreamEndingInsideDescriptor_FailsDescriptor()
    {
        // Arrange
        var image = new VmdkImageBuilder().Build()[..700];

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Vmdk, result.Format);
        Assert.Null(result.VirtualSize);
        Assert.Equal("VMDK descriptor is truncated", Inspect.Check(result, SafetyCheckNames.Descriptor).Reason);
    }

    [Fact]
    public void Inspect_HugeDeclaredDescriptor_CapsCaptureAndFailsWhenStreamEnds()
    {
        // Arrange: the header claims a descriptor far beyond qemu's 1 MiB limit
        var image = new VmdkImageBuilder().WithDescriptorLocation(1, 1UL << 40).Build();

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal("VMDK descriptor is truncated", Inspect.Check(result, SafetyCheckNames.Descriptor).Reason);
    }

    [Fact]
    public void Inspect_DescriptorFillingTheCap_IsParsed()
    {
        // Arrange: 4096 sectors declared, only the first 1 MiB - 1 bytes are read, as qemu does
        var builder = new VmdkImageBuilder().WithDescriptorLocation(1, 4096);
        var image = builder.Build();
        var padded = new byte[512 + (4096 * 512)];
        image.AsSpan(0, Math.Min(image.Length, padded.Length)).CopyTo(padded);

        // Act
        var result = Inspect.InChunks(padded, 4096);

        // Assert
        Assert.True(Inspect.Check(result, SafetyCheckNames.Descriptor).Passed);
        Assert.Equal(2L * 1024 * 1024 * 512, result.VirtualSize);
    }

    [Fact]
    public void Inspect_BareFlatDescriptorFile_DetectsVmdkAndFailsDescriptor()
    {
        // Arrange: CVE-2022-47951, a descriptor that points qemu at a host file
        var image = VmdkImageBuilder.TextDescriptorFile("monolithicFlat", "RW 2048 FLAT \"/etc/shadow\" 0");

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Vmdk, result.Format);
        Assert.Null(result.VirtualSize);
        Assert.False(Inspect.Check(result, SafetyCheckNames.Descriptor).Passed);
    }

    [Fact]
    public void Inspect_BareSparseDescriptorFile_FailsDescriptor()
    {
        // Arrange: harmless-looking lines, but the extent is another file next to wherever this one is staged
        var image = VmdkImageBuilder.TextDescriptorFile("monolithicSparse", "RW 2048 SPARSE \"other-image\"");

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Vmdk, result.Format);
        Assert.Equal(
            "VMDK is a bare descriptor file whose extents live in other files",
            Inspect.Check(result, SafetyCheckNames.Descriptor).Reason);
    }

    [Fact]
    public void Inspect_DescriptorTextFollowedByNulPadding_DetectsVmdk()
    {
        // Arrange
        byte[] image = [.. VmdkImageBuilder.TextDescriptorFile("monolithicFlat", "RW 8 FLAT \"f\" 0"), .. new byte[4096]];

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Vmdk, result.Format);
    }

    [Theory]
    [InlineData("just some notes\nwithout any create type\n")]
    [InlineData("")]
    public void Inspect_TextWithoutCreateType_IsRaw(string text)
    {
        // Arrange
        var image = Encoding.ASCII.GetBytes(text);

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Raw, result.Format);
    }

    [Fact]
    public void Inspect_TextTurningBinaryBeforeAnyNul_IsRaw()
    {
        // Arrange
        byte[] image = [.. VmdkImageBuilder.TextDescriptorFile("monolithicFlat", "RW 8 FLAT \"f\" 0"), 0xFF, 0x00];

        // Act
        var result = Inspect.Consistently(image);

        // Assert
        Assert.Equal(ImageFormat.Raw, result.Format);
    }
}
