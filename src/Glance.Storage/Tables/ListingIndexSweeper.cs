using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Glance.Storage.Tables;

/// <summary>
/// Finishes listing syncs that a crash or a storage failure left pending: every image whose marker has been pending
/// longer than <see cref="StorageOptions.ListingSweepAfter"/> is synced from its partition. Like the outbox sweeper,
/// this is a server-side filtered scan of the images table (no secondary index), returning only pending markers.
/// </summary>
public sealed class ListingIndexSweeper(ListingIndex listing, IOptions<StorageOptions> options, TimeProvider clock, ILogger<ListingIndexSweeper> logger)
{
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.Value.ListingSweepAfter;
        var synced = 0;
        await foreach (var imageId in listing.PendingSinceAsync(cutoff, cancellationToken))
        {
            await listing.SyncAsync(imageId, cancellationToken);
            synced++;
        }
        if (synced > 0)
        {
            logger.LogInformation("Listing sweep: synced the copies of {Images} images left pending", synced);
        }
        return synced;
    }
}
