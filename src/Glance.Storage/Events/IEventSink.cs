using Azure.Messaging;

namespace Glance.Storage.Events;

/// <summary>Somewhere published events go: the Event Grid topic, or local webhooks.</summary>
public interface IEventSink
{
    Task SendAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken);
}
