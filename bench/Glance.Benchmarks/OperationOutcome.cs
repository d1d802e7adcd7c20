namespace Glance.Benchmarks;

/// <summary>How long an operation of the service took, or why the service failed it (a finding to report, not a crash).</summary>
internal sealed record OperationOutcome(TimeSpan Elapsed, string? Error)
{
    public bool Succeeded => Error is null;
}
