namespace Glance.Domain.Events;

/// <summary>
/// A notification about the metadata definitions catalogue; its subject is the route of what changed
/// (<c>/metadefs/namespaces/{namespace}</c>, and <c>/objects/{name}</c> ... below it). Glance sends them all at INFO.
/// </summary>
public sealed record MetadefEvent(string Id, string Type, string Subject, DateTimeOffset Time, EventPayload Payload)
    : GlanceEvent(Id, Type, Subject, Time, Payload, "INFO");
