namespace Glance.LocalHost;

/// <summary>How often the local host runs timer functions. Section <c>Glance:LocalHost:Timers</c>.</summary>
public sealed class TimerTriggerRunnerOptions
{
    public const string SectionName = "Glance:LocalHost:Timers";

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}
