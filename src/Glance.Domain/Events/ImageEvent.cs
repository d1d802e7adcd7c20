namespace Glance.Domain.Events;

/// <summary>
/// A lifecycle notification, published as a CloudEvent: <see cref="Id"/> is the CloudEvent id (kept when an event
/// is published again, so subscribers can de-duplicate), <see cref="Type"/> Glance's event_type, the subject
/// <c>/images/{ImageId}</c>, <see cref="Payload"/> what Glance's notification payload reports.
/// </summary>
public sealed record ImageEvent(string Id, string Type, string ImageId, DateTimeOffset Time, EventPayload Payload, string Priority = "INFO");
