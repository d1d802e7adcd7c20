using System.Net;
using System.Net.Http.Headers;

namespace Glance.Integration.Tests.Faults;

/// <summary>
/// A request body that sends its first <c>pauseAfter</c> bytes, then waits (the connection open, the body
/// unfinished) until <see cref="Resume"/>: the moment a fault test breaks something in the middle of an upload.
/// </summary>
internal sealed class PausingContent : HttpContent
{
    private const int ChunkSize = 64 * 1024;
    private readonly byte[] _data;
    private readonly int _pauseAfter;
    private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _resumed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PausingContent(byte[] data, int pauseAfter)
    {
        _data = data;
        _pauseAfter = pauseAfter;
        Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
    }

    /// <summary>Completes when the first part has been handed to the connection.</summary>
    public Task Paused => _paused.Task;

    public void Resume() => _resumed.TrySetResult();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < _data.Length; offset += ChunkSize)
        {
            if (offset >= _pauseAfter && !_resumed.Task.IsCompleted)
            {
                await stream.FlushAsync(cancellationToken);
                _paused.TrySetResult();
                await _resumed.Task.WaitAsync(cancellationToken);
            }
            await stream.WriteAsync(_data.AsMemory(offset, Math.Min(ChunkSize, _data.Length - offset)), cancellationToken);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        // Unknown length (chunked), as a streaming client sends it: the service cannot tell the end is near.
        length = 0;
        return false;
    }
}
