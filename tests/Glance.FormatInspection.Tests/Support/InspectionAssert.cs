namespace Glance.FormatInspection.Tests.Support;

/// <summary>What the tests assert about an inspection's safety checks, said once.</summary>
internal static class InspectionAssert
{
    /// <summary>The check named <paramref name="name"/> failed, for <paramref name="reason"/>.</summary>
    public static void Fails(InspectionResult result, string name, string reason, string? because = null)
    {
        var check = Inspect.Check(result, name);
        Assert.False(check.Passed, because);
        Assert.Equal(reason, check.Reason);
    }

    /// <summary>The check named <paramref name="name"/> was the only one the format has, and it passed or failed.</summary>
    public static void OnlyCheck(InspectionResult result, string name, bool passes)
    {
        var check = Assert.Single(result.SafetyChecks);
        Assert.Equal(name, check.Name);
        Assert.True(check.Passed == passes, $"{name} {(check.Passed ? "passed" : "failed")}: {check.Reason}");
    }
}
