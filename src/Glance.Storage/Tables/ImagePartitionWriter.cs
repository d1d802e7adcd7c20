using System.Net;
using Azure;
using Azure.Data.Tables;
using Glance.Domain.Events;
using Glance.Domain.Ports;
using Glance.Storage.Events;

namespace Glance.Storage.Tables;

/// <summary>
/// Commits changes to one image's partition together with the events that report them, in one entity group
/// transaction: an event is stored if and only if its change is. The events take the next numbers of the
/// image's event sequence (kept on the image row, so compare-and-set on the row also orders the events).
/// </summary>
public sealed class ImagePartitionWriter(TableClient images, EventOutbox outbox, RecentPartitions recent, bool eventsEnabled = true)
{
    private const int MaxAttempts = 16;

    /// <summary>The events a commit keeps: none when events are off (the sequence then stays where it is).</summary>
    public IReadOnlyList<ImageEvent> Kept(IReadOnlyList<ImageEvent> events) => eventsEnabled ? events : [];

    /// <summary>Commits <paramref name="actions"/> (which must update the image row's EventSequence) and the events from <paramref name="firstSequence"/>.</summary>
    public async Task<IReadOnlyList<Response>> CommitAsync(
        string imageId, IEnumerable<TableTransactionAction> actions, long firstSequence, IReadOnlyList<ImageEvent> events, CancellationToken cancellationToken)
    {
        var commit = OutboxCommit.OnePerEvent(new OutboxPartition(images.Name, imageId), imageId, firstSequence, eventsEnabled ? events : []);
        var all = actions.Concat(commit.Adds).ToList();
        // Azure rejects a transaction across partitions; Azurite accepts it, so the rule is enforced here.
        if (all.Any(a => a.Entity.PartitionKey != imageId))
        {
            throw new InvalidOperationException($"A transaction on image {imageId} may not touch another partition.");
        }
        Response<IReadOnlyList<Response>> response;
        try
        {
            response = await images.SubmitTransactionAsync(all, cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict or (int)HttpStatusCode.NotFound)
        {
            // The state the change was decided on is not current: forget it, so that the retry reads.
            recent.Forget(imageId);
            throw new ConcurrencyConflictException($"A change to image {imageId} lost a race ({e.Status}).", e);
        }
        outbox.Committed(commit);
        return response.Value;
    }

    /// <summary>
    /// Commits events that report no change of the image (a download), advancing the image row's sequence with a
    /// compare-and-set; re-reads the sequence and retries when another commit advanced it first.
    /// </summary>
    public async Task AppendEventsAsync(string imageId, IReadOnlyList<ImageEvent> events, CancellationToken cancellationToken)
    {
        events = eventsEnabled ? events : [];
        if (events.Count == 0)
        {
            return; // No image row write for an event that is not kept.
        }
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 5 * attempt)), cancellationToken);
            }
            var row = await images.GetEntityIfExistsAsync<TableEntity>(imageId, ImagePartitionRows.Image(imageId), ["EventSequence"], cancellationToken);
            if (!row.HasValue)
            {
                throw new ConcurrencyConflictException($"Image {imageId} does not exist.");
            }
            var sequence = row.Value!.GetInt64("EventSequence") ?? 0;
            var advance = new TableEntity(imageId, ImagePartitionRows.Image(imageId)) { ["EventSequence"] = sequence + events.Count };
            try
            {
                await CommitAsync(imageId, [new(TableTransactionActionType.UpdateMerge, advance, row.Value.ETag)], sequence, events, cancellationToken);
                // The row's ETag moved: a state remembered with the old one would only cost the next change a refusal.
                recent.Forget(imageId);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
            }
        }
    }
}
