namespace Glance.Domain.Events;

/// <summary>A notification about an image (or its members, data, tasks): the subject <c>/images/{ImageId}</c>.</summary>
public sealed record ImageEvent(string Id, string Type, string ImageId, DateTimeOffset Time, EventPayload Payload, string Priority = "INFO")
    : GlanceEvent(Id, Type, "/images/" + ImageId, Time, Payload, Priority);
