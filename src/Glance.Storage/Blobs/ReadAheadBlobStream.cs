using System.Buffers;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Glance.Storage.Blobs;

/// <summary>
/// Reads a range of a blob as consecutive ranged GETs, several in flight ahead of the reader and handed out in order,
/// so a large download or validation is not held to the speed of one HTTP stream. Every GET after the first is
/// conditional on the first one's ETag: the bytes read are one version of the blob or the read fails. Memory: at most
/// <c>depth</c> chunks, from the shared array pool.
/// </summary>
internal sealed class ReadAheadBlobStream : Stream
{
    private readonly BlobClient _blob;
    private readonly long _end;
    private readonly int _chunkSize;
    private readonly int _depth;
    private readonly ETag _etag;
    private readonly CancellationTokenSource _stop = new();
    private readonly Queue<Task<Chunk>> _ahead = new();
    private long _nextOffset;
    private Chunk? _current;
    private int _position;
    private bool _released;

    private ReadAheadBlobStream(BlobClient blob, long offset, long length, int chunkSize, int depth, ETag etag, Task<Chunk> first)
    {
        _blob = blob;
        _end = offset + length;
        _chunkSize = chunkSize;
        _depth = depth;
        _etag = etag;
        _nextOffset = Math.Min(_end, offset + chunkSize);
        _ahead.Enqueue(first);
        FillAhead();
    }

    /// <summary>Starts the first GET and waits for its headers (a missing blob fails here), then reads ahead.</summary>
    public static async Task<Stream> OpenAsync(BlobClient blob, long offset, long length, int chunkSize, int depth, CancellationToken cancellationToken)
    {
        var firstLength = (int)Math.Min(chunkSize, length);
        var response = await blob.DownloadStreamingAsync(new BlobDownloadOptions { Range = new HttpRange(offset, firstLength) }, cancellationToken);
        var first = ReadAllAsync(response.Value.Content, firstLength, cancellationToken);
        return new ReadAheadBlobStream(blob, offset, length, chunkSize, depth, response.Value.Details.ETag, first);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_current is null || _position == _current.Length)
        {
            _current?.Dispose();
            _current = null;
            if (_ahead.Count == 0)
            {
                return 0;
            }
            _current = await _ahead.Dequeue().WaitAsync(cancellationToken);
            _position = 0;
            FillAhead();
        }
        var count = Math.Min(buffer.Length, _current.Length - _position);
        _current.Bytes.AsMemory(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    private void FillAhead()
    {
        while (_ahead.Count < _depth && _nextOffset < _end)
        {
            var length = (int)Math.Min(_chunkSize, _end - _nextOffset);
            _ahead.Enqueue(FetchAsync(_nextOffset, length, _stop.Token));
            _nextOffset += length;
        }
    }

    private async Task<Chunk> FetchAsync(long offset, int length, CancellationToken cancellationToken)
    {
        var response = await _blob.DownloadStreamingAsync(new BlobDownloadOptions
        {
            Range = new HttpRange(offset, length),
            Conditions = new BlobRequestConditions { IfMatch = _etag == default ? null : _etag },
        }, cancellationToken);
        return await ReadAllAsync(response.Value.Content, length, cancellationToken);
    }

    private static async Task<Chunk> ReadAllAsync(Stream content, int length, CancellationToken cancellationToken)
    {
        await using (content)
        {
            var chunk = new Chunk(ArrayPool<byte>.Shared.Rent(length), length);
            try
            {
                await content.ReadExactlyAsync(chunk.Bytes.AsMemory(0, length), cancellationToken);
                return chunk;
            }
            catch
            {
                chunk.Dispose();
                throw;
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        GC.SuppressFinalize(this);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ReleaseAsync().GetAwaiter().GetResult();
        }
    }

    private async Task ReleaseAsync()
    {
        if (_released)
        {
            return;
        }
        _released = true;
        await _stop.CancelAsync();
        _current?.Dispose();
        _current = null;
        while (_ahead.TryDequeue(out var pending))
        {
            try
            {
                (await pending).Dispose();
            }
            catch (Exception e) when (e is OperationCanceledException or RequestFailedException or IOException)
            {
                // A read nobody will consume: its failure does not matter.
            }
        }
        _stop.Dispose();
    }

    public override void Flush() => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private sealed class Chunk(byte[] bytes, int length) : IDisposable
    {
        private byte[]? _bytes = bytes;

        public byte[] Bytes => _bytes ?? throw new ObjectDisposedException(nameof(Chunk));
        public int Length { get; } = length;

        public void Dispose()
        {
            if (_bytes is { } bytes)
            {
                _bytes = null;
                ArrayPool<byte>.Shared.Return(bytes);
            }
        }
    }
}
