namespace Glance.LoadWorkload;

/// <summary>Latencies and answers of one kind of operation. Thread-safe.</summary>
public sealed class OperationStats(string name)
{
    private const int KeptSamples = 5;
    private readonly object _gate = new();
    private readonly List<double> _milliseconds = [];
    private readonly Dictionary<int, int> _statuses = [];
    private readonly List<string> _samples = [];

    public string Name { get; } = name;
    public int Count { get; private set; }
    public int ServerErrors { get; private set; }
    public int Unexpected { get; private set; }

    /// <summary>Up to five descriptions of unexpected answers, for the report.</summary>
    public IReadOnlyList<string> Samples
    {
        get
        {
            lock (_gate)
            {
                return [.. _samples];
            }
        }
    }

    public void Record(int status, double milliseconds, bool expected, string? description)
    {
        lock (_gate)
        {
            Count++;
            _milliseconds.Add(milliseconds);
            _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
            // Status 0: no HTTP answer at all (connection refused or reset, timeout); as bad as a 5xx.
            if (status is 0 or >= 500)
            {
                ServerErrors++;
            }
            if (!expected)
            {
                Unexpected++;
                if (_samples.Count < KeptSamples && description is not null)
                {
                    _samples.Add(description);
                }
            }
        }
    }

    public double Percentile(double percentile)
    {
        lock (_gate)
        {
            // Nearest rank, as the benchmarks report theirs: a latency that was measured, never an interpolation.
            var sorted = _milliseconds.Order().ToArray();
            return sorted.Length == 0
                ? double.NaN
                : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        }
    }

    public double Max
    {
        get
        {
            lock (_gate)
            {
                return _milliseconds.Count == 0 ? double.NaN : _milliseconds.Max();
            }
        }
    }
}
