using Glance.Domain.Errors;

namespace Glance.Domain.Importing;

/// <summary>
/// A download's body with two bounds: each read must bring bytes within <paramref name="idleTimeout"/>, and the
/// whole body must arrive within <paramref name="maxDuration"/> of the stream's creation. Either one failing is a
/// verdict on the source (Glance's 400 text in the task), not a fault of the service, so the import fails cleanly.
/// <paramref name="progress"/> hears the bytes received so far, at most once per <see cref="ProgressInterval"/>.
/// </summary>
public sealed class TimedReadStream(
    Stream inner, string source, TimeSpan idleTimeout, TimeSpan maxDuration, TimeProvider clock, Func<long, Task>? progress = null) : Stream
{
    /// <summary>Often enough to see a download move in GET .../tasks, rarely enough to cost nothing.</summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(10);

    private readonly long _started = clock.GetTimestamp();
    private long _reported = clock.GetTimestamp();

    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var left = maxDuration - clock.GetElapsedTime(_started);
        if (left <= TimeSpan.Zero)
        {
            throw TooLong();
        }
        var idle = left < idleTimeout ? left : idleTimeout;
        using var timeout = new CancellationTokenSource(idle, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var read = await inner.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
            BytesRead += read;
            if (progress is not null && read > 0 && clock.GetElapsedTime(_reported) >= ProgressInterval)
            {
                _reported = clock.GetTimestamp();
                await progress(BytesRead).ConfigureAwait(false);
            }
            return read;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw idle < idleTimeout ? TooLong() : GlanceErrors.WebDownloadStalled(source, idleTimeout, BytesRead);
        }
    }

    private GlanceException TooLong() =>
        GlanceErrors.WebDownloadTooLong(source, maxDuration, BytesRead);

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
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
