namespace Glance.Benchmarks.Support;

public static class Percentiles
{
    /// <summary>
    /// The nearest-rank percentile: the smallest sample with at least <paramref name="percentile"/>% of the samples at
    /// or below it (a value that was measured, never an interpolation); NaN when there are none.
    /// </summary>
    public static double NearestRank(IEnumerable<double> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0
            ? double.NaN
            : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
