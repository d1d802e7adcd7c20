namespace Glance.Integration.Tests.Differential;

/// <summary>Runs the same steps against the reference Glance and against ours and lists every step whose observations differ.</summary>
internal static class SessionComparison
{
    public static async Task AssertSameAsync(string referenceUrl, string oursUrl, IReadOnlyList<Step> steps)
    {
        var theirs = new GlanceSession(referenceUrl);
        var mine = new GlanceSession(oursUrl);
        var differences = new List<string>();
        foreach (var step in steps)
        {
            var expected = await theirs.RunAsync(step);
            var actual = await mine.RunAsync(step);
            if (expected != actual)
            {
                differences.Add($"{step}\n  glance: {expected}\n  ours:   {actual}");
            }
        }
        Assert.True(differences.Count == 0, $"{differences.Count} of {steps.Count} steps differ:\n" + string.Join("\n", differences));
    }
}
