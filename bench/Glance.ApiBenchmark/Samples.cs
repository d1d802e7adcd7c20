namespace Glance.Benchmarks;

/// <summary>The latencies measured, in milliseconds, by operation.</summary>
internal sealed class Samples
{
    private readonly Dictionary<string, List<double>> _byOperation = new(StringComparer.Ordinal);

    public IReadOnlyList<double> this[string operation] => _byOperation.TryGetValue(operation, out var values) ? values : [];

    public void Add(string operation, double milliseconds) => Values(operation).Add(milliseconds);

    public void Add(string operation, IEnumerable<double> milliseconds) => Values(operation).AddRange(milliseconds);

    private List<double> Values(string operation) =>
        _byOperation.TryGetValue(operation, out var values) ? values : _byOperation[operation] = [];
}
