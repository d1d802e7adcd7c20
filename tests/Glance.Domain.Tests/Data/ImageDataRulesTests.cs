using Glance.Domain.Data;
using Glance.Domain.Errors;
using Glance.Domain.Images;
using Glance.FormatInspection;

namespace Glance.Domain.Tests.Data;

public sealed class ImageDataRulesTests
{
    private static readonly ImageDataOptions Options = new();

    private static Image Declared(string diskFormat, string containerFormat = "bare") =>
        new(Guid.NewGuid().ToString(), TestImages.Now) { DiskFormat = diskFormat, ContainerFormat = containerFormat };

    private static ImageDataFacts Facts(byte[] bytes)
    {
        var inspector = new ImageFormatInspector();
        inspector.Feed(bytes);
        return new ImageDataFacts(bytes.Length, "0123456789abcdef0123456789abcdef", "sha512", new string('a', 128), inspector.Finish());
    }

    private static byte[] Qcow2Header(long backingFileOffset = 0)
    {
        var header = new byte[512];
        new byte[] { (byte)'Q', (byte)'F', (byte)'I', 0xFB }.CopyTo(header, 0);
        header[7] = 3; // version 3
        BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(backingFileOffset)).CopyTo(header, 8);
        BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(1L << 30)).CopyTo(header, 24);
        header[23] = 16; // cluster bits
        BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(104)).CopyTo(header, 100); // header length
        return header;
    }

    [Fact]
    public void Evaluate_RawBytesDeclaredRaw_AreAcceptedWithTheirSizeAsVirtualSize()
    {
        var bytes = new byte[4096];

        Assert.Equal(4096, ImageDataRules.Evaluate(Declared("raw"), Facts(bytes), UploadExpectations.None, Options));
    }

    [Fact]
    public void Evaluate_Qcow2DeclaredQcow2_GivesTheHeadersVirtualSize()
    {
        Assert.Equal(1L << 30, ImageDataRules.Evaluate(Declared("qcow2"), Facts(Qcow2Header()), UploadExpectations.None, Options));
    }

    [Fact]
    public void Evaluate_Qcow2WithBackingFile_Is415()
    {
        var error = Assert.Throws<GlanceException>(() =>
            ImageDataRules.Evaluate(Declared("qcow2"), Facts(Qcow2Header(backingFileOffset: 512)), UploadExpectations.None, Options));

        Assert.Equal(GlanceErrorKind.UnacceptableContent, error.Kind);
        Assert.Contains("backing_file", error.Message);
    }

    [Fact]
    public void Evaluate_Qcow2DeclaredRaw_Is415()
    {
        var error = Assert.Throws<GlanceException>(() => ImageDataRules.Evaluate(Declared("raw"), Facts(Qcow2Header()), UploadExpectations.None, Options));

        Assert.Equal(GlanceErrorKind.UnacceptableContent, error.Kind);
    }

    [Fact]
    public void Evaluate_RawDeclaredQcow2_Is415()
    {
        var error = Assert.Throws<GlanceException>(() => ImageDataRules.Evaluate(Declared("qcow2"), Facts(new byte[4096]), UploadExpectations.None, Options));

        Assert.Equal(GlanceErrorKind.UnacceptableContent, error.Kind);
    }

    [Fact]
    public void Evaluate_NonBareContainer_IsNotInspected()
    {
        Assert.Null(ImageDataRules.Evaluate(Declared("qcow2", "ova"), Facts(new byte[10]), UploadExpectations.None, Options));
    }

    [Theory]
    [InlineData(11L, null, null)]
    [InlineData(null, "ffffffffffffffffffffffffffffffff", null)]
    [InlineData(null, null, "bb")]
    public void Evaluate_DeclaredFactsThatDoNotMatch_Are400(long? size, string? checksum, string? hash)
    {
        var expected = new UploadExpectations(size, checksum, null, hash);

        var error = Assert.Throws<GlanceException>(() => ImageDataRules.Evaluate(Declared("raw"), Facts(new byte[10]), expected, Options));

        Assert.Equal(GlanceErrorKind.Invalid, error.Kind);
    }

    [Fact]
    public void Evaluate_DeclaredFactsThatMatch_AreAccepted()
    {
        var facts = Facts(new byte[10]);
        var expected = new UploadExpectations(10, facts.Checksum.ToUpperInvariant(), "sha512", facts.OsHashValue);

        Assert.Equal(10, ImageDataRules.Evaluate(Declared("raw"), facts, expected, Options));
    }
}
