namespace Glance.FormatInspection.Streaming;

/// <summary>Keeps the last <c>capacity</c> bytes of the stream, for structures that live at its end.</summary>
internal sealed class TailBuffer(int capacity)
{
    private readonly byte[] ring = new byte[capacity];
    private long written;

    public int Count => (int)Math.Min(written, capacity);

    public void Append(ReadOnlySpan<byte> chunk)
    {
        // Only the chunk's last bytes can survive; skip the rest so a huge chunk costs no more than a small one.
        var kept = chunk.Length > capacity ? chunk[^capacity..] : chunk;
        var position = (int)((written + chunk.Length - kept.Length) % capacity);
        var firstPart = Math.Min(kept.Length, capacity - position);
        kept[..firstPart].CopyTo(ring.AsSpan(position));
        kept[firstPart..].CopyTo(ring);
        written += chunk.Length;
    }

    /// <summary>The kept bytes in stream order.</summary>
    public byte[] ToArray()
    {
        if (written < capacity)
        {
            return ring.AsSpan(0, (int)written).ToArray();
        }

        var start = (int)(written % capacity);
        var result = new byte[capacity];
        ring.AsSpan(start).CopyTo(result);
        ring.AsSpan(0, start).CopyTo(result.AsSpan(capacity - start));
        return result;
    }
}
