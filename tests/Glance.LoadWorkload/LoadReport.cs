using System.Globalization;

namespace Glance.LoadWorkload;

/// <summary>The printed result: throughput and latency by operation, the audit's findings, and PASS or FAIL.</summary>
public static class LoadReport
{
    public static void Print(LoadResult result, TextWriter output, string? environment = null)
    {
        var settings = result.Settings;
        output.WriteLine($"Glance load test: {settings.Clients} clients for {settings.Duration.TotalMinutes:0.##} min, seed {settings.Seed}, " +
            $"at most {settings.MaxImagesPerClient} live images and {settings.MaxImageBytes / 1024} KiB per image per client");
        if (environment is not null)
        {
            output.WriteLine(environment);
        }
        output.WriteLine();
        output.WriteLine(Row("operation", "requests", "per s", "p50 ms", "p95 ms", "max ms", "unexpected", "5xx/none"));
        var seconds = result.Elapsed.TotalSeconds;
        var service = result.Load.Operations.Where(o => !o.Name.StartsWith("storage:", StringComparison.Ordinal)).ToList();
        foreach (var operation in result.Load.Operations)
        {
            output.WriteLine(Row(operation.Name, operation.Count.ToString(CultureInfo.InvariantCulture), Rate(operation.Count, seconds),
                Ms(operation.Percentile(50)), Ms(operation.Percentile(95)), Ms(operation.Max),
                operation.Unexpected.ToString(CultureInfo.InvariantCulture), operation.ServerErrors.ToString(CultureInfo.InvariantCulture)));
        }
        var total = service.Sum(o => o.Count);
        output.WriteLine(Row("all service requests", total.ToString(CultureInfo.InvariantCulture), Rate(total, seconds),
            "", "", "", service.Sum(o => o.Unexpected).ToString(CultureInfo.InvariantCulture), service.Sum(o => o.ServerErrors).ToString(CultureInfo.InvariantCulture)));
        output.WriteLine();
        var audited = result.Audit.Operations.Sum(o => o.Count);
        output.WriteLine($"audit: {audited} requests, {result.Audit.Unexpected} unexpected, {result.Audit.ServerErrors} 5xx");
        foreach (var line in result.Findings.Summary)
        {
            output.WriteLine("  " + line);
        }
        var samples = result.Load.Operations.Concat(result.Audit.Operations).SelectMany(o => o.Samples.Select(s => $"{o.Name}: {s}")).ToList();
        if (samples.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("unexpected answers (up to 5 per operation):");
            samples.ForEach(s => output.WriteLine("  " + s));
        }
        if (result.Findings.Failures.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"audit failures ({result.Findings.Failures.Count}):");
            foreach (var failure in result.Findings.Failures.Take(40))
            {
                output.WriteLine("  " + failure);
            }
        }
        output.WriteLine();
        output.WriteLine(result.Passed ? "PASS" : "FAIL");
    }

    private static string Row(string name, string count, string rate, string p50, string p95, string max, string unexpected, string errors) =>
        $"{name,-28} {count,9} {rate,8} {p50,8} {p95,8} {max,8} {unexpected,10} {errors,8}";

    private static string Rate(int count, double seconds) => (count / seconds).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Ms(double milliseconds) => double.IsNaN(milliseconds) ? "-" : milliseconds.ToString("0.0", CultureInfo.InvariantCulture);
}
