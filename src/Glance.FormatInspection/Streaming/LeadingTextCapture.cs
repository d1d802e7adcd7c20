using System.Buffers;

namespace Glance.FormatInspection.Streaming;

/// <summary>
/// Collects the stream's leading ASCII text up to a cap, ending at the first NUL the way qemu reads a descriptor
/// as a C string. Any other non-text byte before that means the stream does not start with text, and the
/// collected bytes are dropped at once.
/// </summary>
internal sealed class LeadingTextCapture(int maxLength)
{
    private static readonly SearchValues<byte> TextBytes = SearchValues.Create(
        [(byte)'\t', (byte)'\n', (byte)'\v', (byte)'\f', (byte)'\r', .. Enumerable.Range(0x20, 0x7F - 0x20).Select(b => (byte)b)]);

    private byte[] buffer = [];
    private int count;
    private bool stopped;

    /// <summary>False once a byte that is neither text nor NUL appeared before the text ended.</summary>
    public bool IsText { get; private set; } = true;

    public ReadOnlySpan<byte> Text => buffer.AsSpan(0, count);

    public void Append(ReadOnlySpan<byte> chunk)
    {
        if (stopped)
        {
            return;
        }

        var candidate = chunk[..Math.Min(chunk.Length, maxLength - count)];
        var end = candidate.IndexOfAnyExcept(TextBytes);
        if (end >= 0 && candidate[end] != 0)
        {
            IsText = false;
            stopped = true;
            buffer = [];
            count = 0;
            return;
        }

        var text = end >= 0 ? candidate[..end] : candidate;
        Store(text);
        stopped = end >= 0 || count == maxLength;
    }

    private void Store(ReadOnlySpan<byte> text)
    {
        var needed = count + text.Length;
        if (needed > buffer.Length)
        {
            // Doubling keeps appends cheap; the cap keeps a long text upload from costing more than qemu would read.
            var grown = new byte[Math.Min(maxLength, Math.Max(needed, Math.Max(256, buffer.Length * 2)))];
            Text.CopyTo(grown);
            buffer = grown;
        }

        text.CopyTo(buffer.AsSpan(count));
        count += text.Length;
    }
}
