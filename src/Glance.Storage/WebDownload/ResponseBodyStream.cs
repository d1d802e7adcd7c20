namespace Glance.Storage.WebDownload;

/// <summary>A response body that releases its response (and connection) when disposed.</summary>
internal sealed class ResponseBodyStream(WebDownloadResponse response) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => response.ContentLength ?? throw new NotSupportedException();
    public override long Position { get => response.Content.Position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => response.Content.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        response.Content.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        response.Content.ReadAsync(buffer, offset, count, cancellationToken);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            response.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await response.DisposeAsync();
        await base.DisposeAsync();
    }
}
