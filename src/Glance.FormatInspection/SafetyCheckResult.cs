namespace Glance.FormatInspection;

/// <summary>The outcome of one named safety check; <see cref="Reason"/> says why it failed.</summary>
public sealed record SafetyCheckResult(string Name, bool Passed, string? Reason)
{
    public static SafetyCheckResult Pass(string name) => new(name, true, null);

    public static SafetyCheckResult Fail(string name, string reason) => new(name, false, reason);

    // Checks are written as "the problem, or null", which reads better than branching at every call site.
    internal static SafetyCheckResult FromProblem(string name, string? problem) =>
        problem is null ? Pass(name) : Fail(name, problem);
}
