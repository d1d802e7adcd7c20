namespace Glance.Benchmarks;

/// <summary>When the polling client first saw each status of an image, and its final multihash.</summary>
internal sealed record StatusTrace(IReadOnlyDictionary<string, TimeSpan> FirstSeen, string? HashValue)
{
    public TimeSpan? this[string status] => FirstSeen.TryGetValue(status, out var at) ? at : null;
}
