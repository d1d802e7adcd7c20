using Glance.FormatInspection.Streaming;

namespace Glance.FormatInspection.Formats;

/// <summary>
/// One format's view of the stream. A subclass declares the regions it needs, up front or when an earlier region
/// completes, and the base copies the bytes into them as chunks pass, whatever the chunk boundaries.
/// </summary>
internal abstract class FormatInspector
{
    private readonly List<CaptureRegion> regions = [];

    // A region declared while another completes may not start before that one ends. Bytes before that point
    // may already have gone by, and whether they had would depend on how the caller happened to chunk the stream.
    private long earliestNewRegionOffset;

    public abstract ImageFormat Format { get; }

    /// <summary>Whether the content is this format; meaningful once <see cref="Finish"/> has been called.</summary>
    public abstract bool IsMatch { get; }

    /// <summary>The size the format declares, or null when unknown; meaningful once the inspector matched.</summary>
    public abstract long? VirtualSize { get; }

    protected long TotalBytes { get; private set; }

    /// <summary>The format's safety checks, run once the stream is finished and this format was detected.</summary>
    public virtual IReadOnlyList<SafetyCheckResult> RunSafetyChecks() => [];

    public void Feed(ReadOnlySpan<byte> chunk, long chunkOffset)
    {
        OnChunk(chunk, chunkOffset);
        var chunkEnd = chunkOffset + chunk.Length;
        while (true)
        {
            foreach (var region in regions)
            {
                region.Capture(chunk, chunkOffset);
            }

            // Completions are handled one at a time in stream order, and each may declare new regions that the
            // next round fills from this same chunk: the same order a byte-by-byte feed would produce.
            var next = NextCompletedRegion(chunkEnd);
            if (next is null)
            {
                return;
            }

            next.CompletionHandled = true;
            earliestNewRegionOffset = Math.Max(earliestNewRegionOffset, next.End);
            next.OnComplete?.Invoke(next);
        }
    }

    public void Finish(long totalBytes)
    {
        TotalBytes = totalBytes;
        OnFinished();
    }

    /// <summary>Declares a byte range to capture; <paramref name="onComplete"/> runs once it is filled.</summary>
    protected CaptureRegion Capture(long offset, int length, Action<CaptureRegion>? onComplete = null)
    {
        var region = new CaptureRegion(offset, length, offset >= earliestNewRegionOffset, onComplete);
        regions.Add(region);
        return region;
    }

    /// <summary>Sees every chunk, for inspectors that need more than fixed regions (a tail, leading text).</summary>
    protected virtual void OnChunk(ReadOnlySpan<byte> chunk, long chunkOffset)
    {
    }

    /// <summary>Runs once the stream has ended, for conclusions that need all of it.</summary>
    protected virtual void OnFinished()
    {
    }

    private CaptureRegion? NextCompletedRegion(long chunkEnd)
    {
        CaptureRegion? next = null;
        foreach (var region in regions)
        {
            // An empty region far ahead is "complete" at once, but its turn comes when the stream reaches it.
            if (region.IsComplete && !region.CompletionHandled && region.End <= chunkEnd
                && (next is null || region.End < next.End))
            {
                next = region;
            }
        }

        return next;
    }
}
