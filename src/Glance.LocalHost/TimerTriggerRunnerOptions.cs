using System.ComponentModel.DataAnnotations;

namespace Glance.LocalHost;

/// <summary>How often the local host runs timer functions. Section <c>Glance:LocalHost:Timers</c>.</summary>
public sealed class TimerTriggerRunnerOptions
{
    public const string SectionName = "Glance:LocalHost:Timers";

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00", ErrorMessage = "Glance:LocalHost:Timers:Interval must be between 00:00:00.010 and 1.00:00:00.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}
