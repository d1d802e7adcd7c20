namespace Glance.LoadWorkload;

/// <summary>What a load run measured and what its audit found.</summary>
public sealed record LoadResult(
    LoadSettings Settings, OperationMetrics Load, TimeSpan Elapsed, OperationMetrics Audit, AuditFindings Findings)
{
    /// <summary>No 5xx or dropped request, no unexpected answer in the load or the audit, and nothing found wrong.</summary>
    public bool Passed =>
        Load.ServerErrors == 0 && Load.Unexpected == 0 && Audit.ServerErrors == 0 && Audit.Unexpected == 0 && Findings.Failures.Count == 0;
}
