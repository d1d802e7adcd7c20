using Glance.Benchmarks.Support;

namespace Glance.Benchmarks;

/// <summary>
/// Prints p50/p95 per cell at both catalogue sizes, the growth ratios, the growth of the cell's floor over the same
/// catalogue sizes and the ratios to that floor. Azurite's own range read grows with the table (it scans it), so the
/// growth that belongs to the design is the list's growth divided by the floor's.
/// </summary>
internal static class ListingReport
{
    public static void Print(int smallCount, Dictionary<string, List<double>> small, int largeCount, Dictionary<string, List<double>> large)
    {
        Console.WriteLine();
        Console.WriteLine($"{"request",-32} {$"{smallCount} p50",10} {$"{smallCount} p95",10} {$"{largeCount} p50",10} {$"{largeCount} p95",10} " +
            $"{"growth",8} {"floor growth",13} {"net growth",11} {"vs floor",9}");
        foreach (var name in small.Keys)
        {
            var growth = Growth(name);
            var isFloor = name.StartsWith("raw ", StringComparison.Ordinal);
            var floorGrowth = isFloor ? growth : Growth(ListingProbe.FloorOf(name));
            var vsFloor = isFloor ? 1 : P(large[name], 50) / P(large[ListingProbe.FloorOf(name)], 50);
            Console.WriteLine($"{name,-32} {P(small[name], 50),8:F1}ms {P(small[name], 95),8:F1}ms {P(large[name], 50),8:F1}ms {P(large[name], 95),8:F1}ms " +
                $"{growth,7:F2}x {floorGrowth,12:F2}x {growth / floorGrowth,10:F2}x {vsFloor,8:F2}x");
        }
        var defaultLists = new[] { "project, page 1", "project, page 10", "admin, page 1", "admin, page 10" };
        var worstGrowth = defaultLists.Max(Growth);
        var worstNetGrowth = defaultLists.Max(n => Growth(n) / Growth(ListingProbe.FloorOf(n)));
        var firstPages = new[] { "project, page 1", "admin, page 1" };
        var worstFloor = firstPages.Max(n => Math.Max(
            P(large[n], 50) / P(large[ListingProbe.FloorOf(n)], 50), P(small[n], 50) / P(small[ListingProbe.FloorOf(n)], 50)));
        Console.WriteLine();
        Console.WriteLine($"default list growth {largeCount}/{smallCount}, worst p50 ratio: {worstGrowth:F2}x " +
            $"(goal <= 1.5: {(worstGrowth <= 1.5 ? "PASS" : "MISS")}); divided by its floor's growth: {worstNetGrowth:F2}x " +
            $"({(worstNetGrowth <= 1.5 ? "within" : "beyond")} 1.5x of what Azurite's own range read grew)");
        Console.WriteLine($"first page of 25 vs raw floor, worst p50 ratio: {worstFloor:F2}x (goal <= 3: {(worstFloor <= 3 ? "PASS" : "MISS")})");

        double Growth(string name) => P(large[name], 50) / P(small[name], 50);
    }

    private static double P(List<double> values, int percentile) => Percentiles.NearestRank(values, percentile);
}
