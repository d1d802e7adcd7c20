using Glance.Storage.Events;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Functions;

/// <summary>
/// Sweeps the event outbox every minute: events left unpublished by a crash between commit and publish, or
/// held back while Event Grid was failing, are handed to the dispatcher again.
/// </summary>
public sealed class EventOutboxFunctions(OutboxSweeper sweeper)
{
    [Function(nameof(SweepEventOutbox))]
    public async Task SweepEventOutbox([TimerTrigger("0 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        await sweeper.SweepAsync(cancellationToken);
}
