namespace Glance.Domain.Events;

/// <summary>
/// A notification, published as a CloudEvent: <see cref="Id"/> is the CloudEvent id (kept when an event is published
/// again, so subscribers can de-duplicate), <see cref="Type"/> Glance's event_type, <see cref="Subject"/> the resource
/// it reports on by its API path, <see cref="Payload"/> what Glance's notification payload reports.
/// </summary>
public abstract record GlanceEvent(string Id, string Type, string Subject, DateTimeOffset Time, EventPayload Payload, string Priority);
