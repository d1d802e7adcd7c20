namespace Glance.Storage.Events;

/// <summary>Where lifecycle notifications go. Section <c>Glance:Events</c>.</summary>
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
    public string Source { get; set; } = "/glance";

    /// <summary>Local development: URLs that receive the same CloudEvents batches as the topic would.</summary>
    public List<string> Webhooks { get; set; } = [];

    /// <summary>How old a pending event must be before the sweeper picks it up: younger ones are the fast path's.</summary>
    public TimeSpan SweepAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait between two attempts to publish an event that keeps failing.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts after which a still-failing event is reported as stuck in the logs and the stuck count.</summary>
    public int StuckAfterAttempts { get; set; } = 8;
}
