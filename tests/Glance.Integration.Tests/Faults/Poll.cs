namespace Glance.Integration.Tests.Faults;

/// <summary>
/// Waits for what a fault test cannot be told about (a blob appearing, a validation starting, a PATCH answered) by
/// looking again every few milliseconds, and fails the test saying what never happened.
/// </summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure());
            await Task.Delay(Interval);
        }
    }

    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure) =>
        UntilAsync(condition, timeout, () => failure);

    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string failure) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, () => failure);
}
