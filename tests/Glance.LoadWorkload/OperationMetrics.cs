using System.Collections.Concurrent;

namespace Glance.LoadWorkload;

/// <summary>Every request of a phase (the load, or the audit), by operation.</summary>
public sealed class OperationMetrics
{
    private readonly ConcurrentDictionary<string, OperationStats> _operations = new(StringComparer.Ordinal);

    public IReadOnlyList<OperationStats> Operations => [.. _operations.Values.OrderBy(o => o.Name, StringComparer.Ordinal)];

    public int ServerErrors => _operations.Values.Sum(o => o.ServerErrors);
    public int Unexpected => _operations.Values.Sum(o => o.Unexpected);

    public void Record(string operation, int status, double milliseconds, bool expected, string? description = null) =>
        _operations.GetOrAdd(operation, name => new OperationStats(name)).Record(status, milliseconds, expected, description);
}
