namespace Glance.Benchmarks;

/// <summary>Prints p50/p95 per cell at both catalogue sizes, the growth ratios and the ratios to the raw floor.</summary>
internal static class ListingReport
{
    public static void Print(int smallCount, Dictionary<string, List<double>> small, int largeCount, Dictionary<string, List<double>> large)
    {
        Console.WriteLine();
        Console.WriteLine($"{"request",-32} {$"{smallCount} p50",10} {$"{smallCount} p95",10} {$"{largeCount} p50",10} {$"{largeCount} p95",10} {"growth",8} {"vs floor",9}");
        foreach (var name in small.Keys)
        {
            var growth = P(large[name], 50) / P(small[name], 50);
            var floor = P(large[name], 50) / P(large[ListingProbe.RawFloor], 50);
            Console.WriteLine($"{name,-32} {P(small[name], 50),8:F1}ms {P(small[name], 95),8:F1}ms {P(large[name], 50),8:F1}ms {P(large[name], 95),8:F1}ms {growth,7:F2}x {floor,8:F2}x");
        }
        var defaultLists = new[] { "project, page 1", "project, page 10", "admin, page 1", "admin, page 10" };
        var worstGrowth = defaultLists.Max(n => P(large[n], 50) / P(small[n], 50));
        var firstPages = new[] { "project, page 1", "admin, page 1" };
        var worstFloor = firstPages.Max(n => Math.Max(P(large[n], 50) / P(large[ListingProbe.RawFloor], 50), P(small[n], 50) / P(small[ListingProbe.RawFloor], 50)));
        Console.WriteLine();
        Console.WriteLine($"default list growth {largeCount}/{smallCount}, worst p50 ratio: {worstGrowth:F2}x (goal <= 1.5: {(worstGrowth <= 1.5 ? "PASS" : "MISS")})");
        Console.WriteLine($"first page of 25 vs raw floor, worst p50 ratio: {worstFloor:F2}x (goal <= 3: {(worstFloor <= 3 ? "PASS" : "MISS")})");
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1))];
    }
}
