namespace Glance.LoadWorkload;

/// <summary>What the audit after a load run found wrong (nothing, when it passes) and what it checked.</summary>
public sealed record AuditFindings(IReadOnlyList<string> Failures, IReadOnlyList<string> Summary);
