namespace Glance.Benchmarks;

internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Megabytes (10^6 bytes) per second.</summary>
    public static double MBps(long bytes, TimeSpan elapsed) => bytes / 1e6 / elapsed.TotalSeconds;

    public static double MB(long bytes) => bytes / 1e6;
}
