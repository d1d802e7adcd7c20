using Glance.FormatInspection.Streaming;

namespace Glance.FormatInspection.Tests;

public sealed class TailBufferTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(100)]
    public void Append_AnyChunking_KeepsLastBytesInOrder(int chunkSize)
    {
        // Arrange
        var stream = Enumerable.Range(0, 250).Select(i => (byte)i).ToArray();
        var tail = new TailBuffer(16);

        // Act
        foreach (var chunk in stream.Chunk(chunkSize))
        {
            tail.Append(chunk);
        }

        // Assert
        Assert.Equal(stream[^16..], tail.ToArray());
    }

    [Fact]
    public void ToArray_FewerBytesThanCapacity_ReturnsWhatWasSeen()
    {
        // Arrange
        var tail = new TailBuffer(16);

        // Act
        tail.Append([1, 2, 3]);
        tail.Append([4]);

        // Assert
        Assert.Equal([1, 2, 3, 4], tail.ToArray());
    }
}
