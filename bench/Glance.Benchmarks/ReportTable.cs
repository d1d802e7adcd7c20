using System.Globalization;
using Glance.Benchmarks.Support;

namespace Glance.Benchmarks;

/// <summary>The printed report: aligned rows (measurement, ours, floor, ratio, goal, result) with notes and sections between them.</summary>
internal sealed class ReportTable(string title)
{
    private static readonly string[] Header = ["measurement", "ours", "floor", "ratio", "goal", "result"];
    private readonly List<(string[]? Row, string? Text)> _lines = [];

    public int Misses { get; private set; }
    public int Goals { get; private set; }
    public int Errors { get; private set; }

    public void Section(string title) => _lines.Add((null, Environment.NewLine + title));

    public void Note(string text) => _lines.Add((null, "    " + text));

    /// <summary>A measurement with no goal.</summary>
    public void Row(string measurement, string ours, string floor = "", string ratio = "") =>
        _lines.Add(([measurement, ours, floor, ratio, "", ""], null));

    /// <summary>A measurement judged by a goal on <paramref name="value"/> (a ratio or an absolute value).</summary>
    public void Row(string measurement, string ours, string floor, string ratio, Goal goal, double value)
    {
        var met = goal.IsMetBy(value);
        Goals++;
        Misses += met ? 0 : 1;
        _lines.Add(([measurement, ours, floor, ratio, goal.Text, met ? "PASS" : "MISS"], null));
    }

    /// <summary>A measurement that could not be made because the service failed the operation.</summary>
    public void Error(string measurement, string goal, string message)
    {
        Goals++;
        Errors++;
        _lines.Add(([measurement, "-", "", "", goal, "ERROR"], null));
        Note("error: " + message);
    }

    public void Print(TextWriter output)
    {
        var rows = _lines.Where(l => l.Row is not null).Select(l => l.Row!).Prepend(Header).ToList();
        var widths = Enumerable.Range(0, Header.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        string Format(string[] row) => string.Join("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd();
        output.WriteLine(title);
        output.WriteLine();
        output.WriteLine(Format(Header));
        output.WriteLine(new string('-', widths.Sum() + 2 * (widths.Length - 1)));
        foreach (var (row, text) in _lines)
        {
            output.WriteLine(row is not null ? Format(row) : text);
        }
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Goals - Misses - Errors} of {Goals} goals met, {Misses} missed, {Errors} not measured (the service failed the operation)."));
    }
}
