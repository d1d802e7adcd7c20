namespace Glance.LoadWorkload;

/// <summary>The notifications the service has delivered so far, one per event id however often it was delivered.</summary>
public interface IEventLog
{
    IReadOnlyCollection<ReceivedEvent> Snapshot();

    /// <summary>Deliveries of an event id already received (the outbox delivers at least once).</summary>
    long Redeliveries { get; }
}
