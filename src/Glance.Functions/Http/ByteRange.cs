using System.Globalization;

namespace Glance.Functions.Http;

/// <summary>One byte range of an image, as GET /file serves it (Glance: a single range only).</summary>
public sealed record ByteRange(long Offset, long Length)
{
    public long Last => Offset + Length - 1;

    /// <summary>
    /// Parses a Range header (<c>bytes=a-b</c>, <c>bytes=a-</c>, <c>bytes=-n</c>) against the image size: null for
    /// no header, 400 for several ranges, 416 when it cannot be satisfied. Glance also honours a request
    /// Content-Range header (<c>bytes a-b/*</c>) for old clients.
    /// </summary>
    public static ByteRange? Parse(string? range, string? contentRange, long size)
    {
        if (!string.IsNullOrWhiteSpace(range))
        {
            var spec = range.Trim();
            if (!spec.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
            {
                throw NotSatisfiable(size);
            }
            var ranges = spec[6..].Split(',');
            if (ranges.Length > 1)
            {
                throw HttpErrors.MultipleRanges();
            }
            return FromBounds(ranges[0].Trim(), size);
        }
        if (!string.IsNullOrWhiteSpace(contentRange))
        {
            var spec = contentRange.Trim();
            if (!spec.StartsWith("bytes ", StringComparison.OrdinalIgnoreCase))
            {
                throw NotSatisfiable(size);
            }
            var bounds = spec[6..].Split('/')[0].Trim();
            return FromBounds(bounds, size);
        }
        return null;
    }

    private static ByteRange FromBounds(string bounds, long size)
    {
        var dash = bounds.IndexOf('-');
        if (dash < 0)
        {
            throw NotSatisfiable(size);
        }
        var first = bounds[..dash].Trim();
        var last = bounds[(dash + 1)..].Trim();
        if (first.Length == 0)
        {
            // A suffix: the last n bytes.
            if (!TryParse(last, out var suffix) || suffix == 0 || size == 0)
            {
                throw NotSatisfiable(size);
            }
            var length = Math.Min(suffix, size);
            return new ByteRange(size - length, length);
        }
        if (!TryParse(first, out var start) || start >= size)
        {
            throw NotSatisfiable(size);
        }
        if (last.Length == 0)
        {
            return new ByteRange(start, size - start);
        }
        if (!TryParse(last, out var end) || end < start)
        {
            throw NotSatisfiable(size);
        }
        return new ByteRange(start, Math.Min(end, size - 1) - start + 1);
    }

    /// <summary>
    /// A bound is digits only; one too large for a long is still a valid bound (RFC 9110 14.1.2: a last position
    /// or suffix beyond the representation means "to the end"), so it reads as long.MaxValue and is clamped.
    /// </summary>
    private static bool TryParse(string text, out long value)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }
        value = long.MaxValue;
        return text.Length > 0 && text.All(char.IsAsciiDigit);
    }

    private static HttpError NotSatisfiable(long size) => HttpErrors.RangeNotSatisfiable();
}
