using Glance.FormatInspection.Tests.Support;

namespace Glance.FormatInspection.Tests;

/// <summary>The result must not depend on how the upload happened to be chunked.</summary>
public sealed class ChunkingTests
{
    public static TheoryData<string> Images => SampleImages.NamesData;

    [Theory]
    [MemberData(nameof(Images))]
    public void Feed_OneSevenPageAndWholeChunks_GiveIdenticalResults(string imageName)
    {
        // Arrange
        var image = SampleImages.Get(imageName);
        var expected = Inspect.Describe(Inspect.InChunks(image));

        // Act
        var results = new[] { 1, 7, 4096 }.Select(size => Inspect.Describe(Inspect.InChunks(image, size)));

        // Assert
        Assert.All(results, result => Assert.Equal(expected, result));
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Feed_RandomChunkSizes_GiveIdenticalResults(string imageName)
    {
        // Arrange
        var image = SampleImages.Get(imageName);
        var expected = Inspect.Describe(Inspect.InChunks(image));
        var random = new Random(imageName.Length * 7919);

        // Act
        var results = Enumerable.Range(0, 5).Select(_ => Inspect.Describe(Inspect.InRandomChunks(image, random)));

        // Assert
        Assert.All(results, result => Assert.Equal(expected, result));
    }

    [Theory]
    [InlineData("qcow2", ImageFormat.Qcow2)]
    [InlineData("vhdx", ImageFormat.Vhdx)]
    [InlineData("vmdk-stream-footer", ImageFormat.Vmdk)]
    [InlineData("iso-hybrid", ImageFormat.Iso)]
    [InlineData("luks", ImageFormat.Luks)]
    public void Feed_OneByteChunks_DetectsTheSampleFormat(string imageName, ImageFormat format)
    {
        // Arrange
        var image = SampleImages.Get(imageName);

        // Act
        var result = Inspect.InChunks(image, 1);

        // Assert
        Assert.Equal(format, result.Format);
    }
}
