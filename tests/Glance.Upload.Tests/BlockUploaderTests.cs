namespace Glance.Upload.Tests;

public sealed class BlockUploaderTests
{
    [Fact]
    public void BlockId_SameIndexAndSize_IsTheSameEveryRun()
    {
        Assert.Equal(BlockUploader.BlockId(42, 8 * 1024 * 1024), BlockUploader.BlockId(42, 8 * 1024 * 1024));
    }

    [Fact]
    public void BlockId_OtherSizeOrIndex_DiffersWithTheSameLength()
    {
        string[] ids = [BlockUploader.BlockId(0, 1024 * 1024), BlockUploader.BlockId(49_999, 1024 * 1024), BlockUploader.BlockId(0, 256 * 1024 * 1024)];

        Assert.Equal(3, ids.Distinct().Count());
        // Storage refuses a blob whose block ids differ in length.
        Assert.Single(ids.Select(id => id.Length).Distinct());
    }

    [Theory]
    [InlineData(0, 8, 0)]
    [InlineData(1, 8, 1)]
    [InlineData(8, 8, 1)]
    [InlineData(9, 8, 2)]
    public void BlockCount_Length_RoundsUp(long length, int blockSize, int expected)
    {
        Assert.Equal(expected, BlockUploader.BlockCount(length, blockSize));
    }

    [Fact]
    public void BlockLength_LastBlock_IsTheRemainder()
    {
        Assert.Equal(8, BlockUploader.BlockLength(0, 19, 8));
        Assert.Equal(3, BlockUploader.BlockLength(2, 19, 8));
    }
}
