using Glance.FormatInspection.Tests.Builders;
using Glance.FormatInspection.Tests.Support;

namespace Glance.FormatInspection.Tests;

public sealed class ImageFormatInspectorTests
{
    [Fact]
    public void Feed_AfterFinish_Throws()
    {
        // Arrange
        var inspector = new ImageFormatInspector();
        inspector.Finish();

        // Act
        var error = Record.Exception(() => inspector.Feed([1, 2, 3]));

        // Assert
        Assert.IsType<InvalidOperationException>(error);
    }

    [Fact]
    public void Finish_CalledTwice_ReturnsSameResult()
    {
        // Arrange
        var inspector = new ImageFormatInspector();
        inspector.Feed(new Qcow2ImageBuilder().Build());

        // Act
        var first = inspector.Finish();
        var second = inspector.Finish();

        // Assert
        Assert.Same(first, second);
    }

    [Fact]
    public void Feed_EmptyChunksBetweenData_ChangesNothing()
    {
        // Arrange
        var image = new VmdkImageBuilder().WithFooter().Build();
        var inspector = new ImageFormatInspector();

        // Act
        foreach (var chunk in image.Chunk(1000))
        {
            inspector.Feed([]);
            inspector.Feed(chunk);
        }

        // Assert
        Assert.Equal(Inspect.Describe(Inspect.InChunks(image)), Inspect.Describe(inspector.Finish()));
        Assert.Equal(image.Length, inspector.BytesRead);
    }

    [Fact]
    public async Task InspectAsync_Stream_MatchesFeedingTheSameBytes()
    {
        // Arrange
        var image = new VhdxImageBuilder().Build();
        using var stream = new MemoryStream(image);

        // Act
        var result = await ImageFormatInspector.InspectAsync(stream);

        // Assert
        Assert.Equal(Inspect.Describe(Inspect.InChunks(image)), Inspect.Describe(result));
    }
}
