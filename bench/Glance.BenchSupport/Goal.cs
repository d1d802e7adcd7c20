using System.Globalization;

namespace Glance.Benchmarks.Support;

/// <summary>A target from the issue, printed next to the measurement it judges.</summary>
public sealed record Goal(string Text, Func<double, bool> IsMetBy)
{
    public static Goal AtMost(double limit, string unit = "x") =>
        new(string.Create(CultureInfo.InvariantCulture, $"<= {limit:0.##}{unit}"), v => v <= limit);

    public static Goal AtLeast(double limit, string unit = "x") =>
        new(string.Create(CultureInfo.InvariantCulture, $">= {limit:0.##}{unit}"), v => v >= limit);

    public static Goal Below(double limit, string unit) =>
        new(string.Create(CultureInfo.InvariantCulture, $"< {limit:0.##}{unit}"), v => v < limit);
}
