using Glance.Storage.Tables;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Functions;

/// <summary>
/// Sweeps the listing index every minute: an image whose listing copies were left pending by a crash or a storage
/// failure after its change committed is brought back in line from its own partition.
/// </summary>
public sealed class ListingIndexFunctions(ListingIndexSweeper sweeper)
{
    [Function(nameof(SweepListingIndex))]
    public async Task SweepListingIndex([TimerTrigger("0 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        await sweeper.SweepAsync(cancellationToken);
}
