namespace Glance.FormatInspection.Streaming;

/// <summary>
/// A fixed byte range of the stream that an inspector wants to read, filled from whichever chunks overlap it.
/// Capturing is idempotent: offering the same chunk twice copies nothing new.
/// </summary>
internal sealed class CaptureRegion
{
    private readonly byte[] buffer;
    private int filled;

    internal CaptureRegion(long offset, int length, bool reachable, Action<CaptureRegion>? onComplete)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Offset = offset;
        Length = length;
        // A range that would run past long.MaxValue can never be read; treat it like one that was declared too late.
        IsReachable = reachable && offset <= long.MaxValue - length;
        OnComplete = onComplete;
        buffer = IsReachable ? new byte[length] : [];
    }

    public long Offset { get; }

    public int Length { get; }

    public long End => IsReachable ? Offset + Length : long.MaxValue;

    /// <summary>False when the region was declared after its bytes had already gone past.</summary>
    public bool IsReachable { get; }

    public bool IsComplete => IsReachable && filled == Length;

    public ReadOnlySpan<byte> Data => buffer.AsSpan(0, filled);

    internal Action<CaptureRegion>? OnComplete { get; }

    internal bool CompletionHandled { get; set; }

    internal void Capture(ReadOnlySpan<byte> chunk, long chunkOffset)
    {
        if (!IsReachable || filled == Length)
        {
            return;
        }

        var next = Offset + filled;
        var chunkEnd = chunkOffset + chunk.Length;
        if (next < chunkOffset || next >= chunkEnd)
        {
            return;
        }

        var start = (int)(next - chunkOffset);
        var count = Math.Min(Length - filled, chunk.Length - start);
        chunk.Slice(start, count).CopyTo(buffer.AsSpan(filled));
        filled += count;
    }
}
