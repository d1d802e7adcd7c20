using System.ComponentModel.DataAnnotations;

namespace Glance.Storage.Events;

/// <summary>
/// Where lifecycle notifications go. Section <c>Glance:Events</c>; checked at start, the endpoints by
/// <see cref="EventOptionsValidator"/>.
/// </summary>
public sealed class EventOptions
{
    public const string SectionName = "Glance:Events";

    /// <summary>Whether notifications are kept and published at all (Glance's disabled_notifications, for everything).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The Event Grid topic endpoint; reached with the app's managed identity unless <see cref="TopicKey"/> is set.</summary>
    public string? TopicEndpoint { get; set; }

    /// <summary>An access key for the topic (local development only: topics in Azure have local auth disabled).</summary>
    public string? TopicKey { get; set; }

    /// <summary>The CloudEvents <c>source</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Glance:Events:Source cannot be empty (it is every event's CloudEvents source).")]
    public string Source { get; set; } = "/glance";

    /// <summary>Local development: URLs that receive the same CloudEvents batches as the topic would.</summary>
    public List<string> Webhooks { get; set; } = [];

    /// <summary>How old a pending event must be before the sweeper picks it up: younger ones are the fast path's.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "10675199.02:48:05", ErrorMessage = "Glance:Events:SweepAfter cannot be negative.")]
    public TimeSpan SweepAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait between two attempts to publish an event that keeps failing.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "10675199.02:48:05", ErrorMessage = "Glance:Events:MaxRetryDelay must be positive.")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts after which a still-failing event is reported as stuck in the logs and the stuck count.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Glance:Events:StuckAfterAttempts must be at least 1.")]
    public int StuckAfterAttempts { get; set; } = 8;
}
