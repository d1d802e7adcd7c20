using System.ComponentModel.DataAnnotations;

namespace Glance.LocalHost;

/// <summary>How the local host reads the queues of queue triggers. Section <c>Glance:LocalHost:QueuePolling</c>.</summary>
public sealed class QueueTriggerPollerOptions
{
    public const string SectionName = "Glance:LocalHost:QueuePolling";

    /// <summary>How long to wait after finding a queue empty (the Functions host backs off up to a minute).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Glance:LocalHost:QueuePolling:Interval must be between 00:00:00.010 and 01:00:00.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long a received message stays hidden from other readers; renewed while its function runs, so only a
    /// process that died (or a failure) lets it be delivered again, after at most this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Glance:LocalHost:QueuePolling:VisibilityTimeout must be between 00:00:01 and 01:00:00.")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a message whose function threw stays hidden before it is tried again (host.json's queues
    /// visibilityTimeout, which defaults to 0 in the Functions host).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Glance:LocalHost:QueuePolling:RetryDelay must be between 00:00:00 and 01:00:00.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Deliveries after which a failing message moves to the <c>-poison</c> queue (host.json's maxDequeueCount).</summary>
    [Range(1, 100, ErrorMessage = "Glance:LocalHost:QueuePolling:MaxDequeueCount must be between 1 and 100.")]
    public int MaxDequeueCount { get; set; } = 5;
}
