using System.Buffers;
using System.Globalization;
using System.Text;
using Azure;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Win32.SafeHandles;

namespace Glance.Upload;

/// <summary>
/// Put Block for every block the journal does not have, <c>maxParallel</c> at a time, each read from the file at
/// its offset; then Put Block List. Block ids depend only on the block's index and the block size, so a later run
/// names the same block the same way and a different block size never reuses another layout's blocks.
/// </summary>
internal sealed class BlockUploader(UploadUrlSource urls, UploadJournal journal, ProgressReporter progress, int maxParallel)
{
    /// <summary>Uploads the missing blocks of <paramref name="file"/>; returns how many blocks and bytes it uploaded.</summary>
    public async Task<(int Blocks, long Bytes)> UploadMissingAsync(SafeFileHandle file, long length, CancellationToken cancellationToken = default)
    {
        var blockSize = journal.BlockSize;
        var missing = Enumerable.Range(0, BlockCount(length, blockSize)).Where(b => !journal.IsStaged(b)).ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxParallel, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(missing, parallel, async (block, token) =>
        {
            var offset = (long)block * blockSize;
            var size = BlockLength(block, length, blockSize);
            var buffer = ArrayPool<byte>.Shared.Rent(size);
            try
            {
                await ReadExactlyAsync(file, buffer.AsMemory(0, size), offset, token);
                await StageAsync(BlockId(block, blockSize), buffer, size, token);
                journal.MarkStaged(block);
                progress.Add(size);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        });
        return (missing.Count, missing.Sum(b => BlockLength(b, length, blockSize)));
    }

    /// <summary>
    /// Put Block List of every block, in order, through a URL issued with the file's MD5 so that the service
    /// refuses anything else. Throws <see cref="MissingBlocksException"/> when storage lacks a block the journal has.
    /// </summary>
    public async Task CommitAsync(long length, string checksum, CancellationToken cancellationToken = default)
    {
        var ids = Enumerable.Range(0, BlockCount(length, journal.BlockSize)).Select(b => BlockId(b, journal.BlockSize)).ToList();
        var blob = await urls.RenewAsync(stale: null, checksum, cancellationToken);
        try
        {
            await blob.CommitBlockListAsync(ids, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.ErrorCode == "InvalidBlockList")
        {
            throw new MissingBlocksException();
        }
        journal.MarkCommitted();
    }

    public static int BlockCount(long length, int blockSize) => (int)((length + blockSize - 1) / blockSize);

    public static int BlockLength(int block, long length, int blockSize) => (int)Math.Min(blockSize, length - (long)block * blockSize);

    /// <summary>Base64 of e.g. <c>glance-upload 00800000 000042</c>: every id of a blob must have the same length.</summary>
    public static string BlockId(int block, int blockSize) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"glance-upload {blockSize:x8} {block:d6}")));

    private async Task StageAsync(string blockId, byte[] buffer, int size, CancellationToken cancellationToken)
    {
        var blob = await urls.GetAsync(cancellationToken);
        try
        {
            await blob.StageBlockAsync(blockId, new MemoryStream(buffer, 0, size, writable: false), cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 403)
        {
            // The URL expired sooner than it said (a suspended laptop, a skewed clock): once more with a new one.
            blob = await urls.RenewAsync(blob, checksum: null, cancellationToken);
            await blob.StageBlockAsync(blockId, new MemoryStream(buffer, 0, size, writable: false), cancellationToken: cancellationToken);
        }
    }

    private static async Task ReadExactlyAsync(SafeFileHandle file, Memory<byte> buffer, long offset, CancellationToken cancellationToken)
    {
        while (buffer.Length > 0)
        {
            var read = await RandomAccess.ReadAsync(file, buffer, offset, cancellationToken);
            if (read == 0)
            {
                throw new IOException("The file became shorter during the upload.");
            }
            buffer = buffer[read..];
            offset += read;
        }
    }
}
