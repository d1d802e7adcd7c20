using Azure.Messaging;
using Azure.Messaging.EventGrid;

namespace Glance.Storage.Events;

/// <summary>Publishes CloudEvents with Event Grid's client (a topic, or a local webhook speaking the same protocol).</summary>
public sealed class EventGridSink(EventGridPublisherClient client) : IEventSink
{
    public async Task SendAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken) =>
        await client.SendEventsAsync(events, cancellationToken);
}
