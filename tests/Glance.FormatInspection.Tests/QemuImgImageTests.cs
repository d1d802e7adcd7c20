using Glance.FormatInspection.Tests.Support;

namespace Glance.FormatInspection.Tests;

/// <summary>
/// Images made by the real qemu-img, so the hand-built headers are not the only evidence. qemu-img must be
/// installed (qemu-utils); without it these tests fail rather than skip.
/// </summary>
public sealed class QemuImgImageTests : IDisposable
{
    private const long VirtualSize = 64L * 1024 * 1024;

    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    /// <summary>
    /// Makes <paramref name="fileName"/> in the test's directory with `qemu-img create`; without a size, qemu-img
    /// takes the backing file's.
    /// </summary>
    private string Create(string fileName, string format, string? size, params string[] options)
    {
        var path = directory.File(fileName);
        QemuImg.Run(["create", "-q", "-f", format, .. options, path, .. size is null ? Array.Empty<string>() : [size]]);
        return path;
    }

    [Theory]
    [InlineData("qcow2", "", ImageFormat.Qcow2)]
    [InlineData("vhdx", "", ImageFormat.Vhdx)]
    [InlineData("vpc", "", ImageFormat.Vhd)]
    [InlineData("vdi", "", ImageFormat.Vdi)]
    [InlineData("vmdk", "subformat=monolithicSparse", ImageFormat.Vmdk)]
    [InlineData("vmdk", "subformat=streamOptimized", ImageFormat.Vmdk)]
    [InlineData("raw", "", ImageFormat.Raw)]
    public void Inspect_QemuImgCreatedImage_AgreesWithQemuImgInfo(string qemuFormat, string options, ImageFormat expected)
    {
        // Arrange
        string[] createOptions = options.Length > 0 ? ["-o", options] : [];
        var path = Create($"disk.{qemuFormat}", qemuFormat, VirtualSize.ToString(), createOptions);
        var qemuVirtualSize = QemuImg.VirtualSize(path, qemuFormat);

        // Act
        var result = Inspect.File(path);

        // Assert
        Assert.Equal(expected, result.Format);
        Assert.Equal(qemuVirtualSize, result.VirtualSize);
        Assert.All(result.SafetyChecks, check => Assert.True(check.Passed, $"{check.Name}: {check.Reason}"));
        Assert.True(DiskFormatMatcher.Match(result.Format!.Value.ToDiskFormat(), result).IsAccepted);
    }

    [Fact]
    public void Inspect_QemuImgVpc_ReportsQemuGeometryRoundedSize()
    {
        // Arrange: qemu rounds VHD sizes up to a CHS geometry, and the footer records the rounded size
        var path = Create("disk.vhd", "vpc", VirtualSize.ToString());

        // Act
        var result = Inspect.File(path);

        // Assert
        Assert.Equal(QemuImg.VirtualSize(path, "vpc"), result.VirtualSize);
        Assert.NotEqual(VirtualSize, result.VirtualSize);
    }

    [Fact]
    public void Inspect_QemuImgStreamOptimizedWithData_PassesDescriptor()
    {
        // Arrange
        var raw = directory.File("source.raw");
        var bytes = Enumerable.Range(0, 3 * 1024 * 1024).Select(i => (byte)(i % 251)).ToArray();
        File.WriteAllBytes(raw, bytes);
        var path = directory.File("disk.vmdk");
        QemuImg.Run("convert", "-f", "raw", "-O", "vmdk", "-o", "subformat=streamOptimized", raw, path);

        // Act
        var result = Inspect.File(path);

        // Assert
        Assert.Equal(ImageFormat.Vmdk, result.Format);
        Assert.Equal(bytes.Length, result.VirtualSize);
        Assert.True(Inspect.Check(result, SafetyCheckNames.Descriptor).Passed);
    }

    [Fact]
    public void Inspect_QemuImgQcow2WithBackingFile_FailsBackingFile()
    {
        // Arrange
        var basePath = Create("base.qcow2", "qcow2", VirtualSize.ToString());
        var path = Create("overlay.qcow2", "qcow2", size: null, "-b", basePath, "-F", "qcow2");

        // Act
        var result = Inspect.File(path);

        // Assert
        Assert.Equal(ImageFormat.Qcow2, result.Format);
        Assert.Equal(VirtualSize, result.VirtualSize);
        Assert.False(Inspect.Check(result, SafetyCheckNames.BackingFile).Passed);
        Assert.True(Inspect.Check(result, SafetyCheckNames.DataFile).Passed);
        Assert.False(DiskFormatMatcher.Match("qcow2", result).IsAccepted);
    }

    [Fact]
    public void Inspect_QemuImgQcow2WithExternalDataFile_FailsDataFile()
    {
        // Arrange
        var path = Create("disk.qcow2", "qcow2", "1M", "-o", $"data_file={directory.File("data.raw")}");

        // Act
        var result = Inspect.File(path);

        // Assert
        Assert.Equal(ImageFormat.Qcow2, result.Format);
        Assert.True(Inspect.Check(result, SafetyCheckNames.BackingFile).Passed);
        Assert.False(Inspect.Check(result, SafetyCheckNames.DataFile).Passed);
        Assert.True(Inspect.Check(result, SafetyCheckNames.UnknownFeatures).Passed);
    }

    [Fact]
    public void Inspect_QemuImgQcow2WithExtendedL2_FailsUnknownFeatures()
    {
        // Arrange: extended L2 entries postdate the reviewed feature bits, so they count as unknown (as in oslo.utils)
        var path = Create("disk.qcow2", "qcow2", "1M", "-o", "extended_l2=on");

        // Act
        var result = Inspect.File(path);

        // Assert
        Assert.False(Inspect.Check(result, SafetyCheckNames.UnknownFeatures).Passed);
    }

    [Fact]
    public void Inspect_QemuImgQed_FailsBanned()
    {
        // Arrange
        var path = Create("disk.qed", "qed", VirtualSize.ToString());

        // Act
        var result = Inspect.File(path);

        // Assert
        Assert.Equal(ImageFormat.Qed, result.Format);
        Assert.False(Inspect.Check(result, SafetyCheckNames.Banned).Passed);
    }

    [Fact]
    public void Inspect_QemuImgLuks_DetectsVersion1SizedByPayload()
    {
        // Arrange
        var path = directory.File("disk.luks");
        QemuImg.RunLuksCreate("create", "-q", "-f", "luks", "--object", "secret,id=sec0,data=glance",
            "-o", "key-secret=sec0,iter-time=10", path, "1M");

        // Act
        var result = Inspect.File(path);

        // Assert
        Assert.Equal(ImageFormat.Luks, result.Format);
        Assert.Equal(1024 * 1024, result.VirtualSize);
        Assert.True(Inspect.Check(result, SafetyCheckNames.Version).Passed);
    }

    [Fact]
    public void Inspect_QemuImgVhdxInSmallChunks_MatchesWholeFeed()
    {
        // Arrange
        var path = Create("disk.vhdx", "vhdx", VirtualSize.ToString());
        var image = File.ReadAllBytes(path);

        // Act
        var chunked = Inspect.InChunks(image, 7);

        // Assert
        Assert.Equal(Inspect.Describe(Inspect.InChunks(image)), Inspect.Describe(chunked));
        Assert.Equal(VirtualSize, chunked.VirtualSize);
    }
}
