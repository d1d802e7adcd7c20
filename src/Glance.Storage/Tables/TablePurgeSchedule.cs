using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Glance.Domain.Images;
using Glance.Domain.Ports;
using Microsoft.Extensions.Options;

namespace Glance.Storage.Tables;

/// <summary>
/// The purge schedule as one partition of the listing index table, <c>purge-schedule</c>, row key
/// <c>&lt;ticks of the window's end, 19 digits&gt;_&lt;image id&gt;</c>: a range read in row-key order returns the images
/// that are due, earliest first, and nothing else, however many images exist or wait. An entry is written with the
/// image's listing copies (<see cref="ListingIndex"/>), after the commit that retained it, so that a crash in between
/// leaves the marker pending and the listing sweeper writes it; it is never deleted there (an entry left behind only
/// costs the purge a read when it comes due).
/// </summary>
public sealed class TablePurgeSchedule(TableServiceClient tables, IOptions<StorageOptions> options) : IPurgeSchedule
{
    internal const string Partition = "purge-schedule";

    private readonly TableClient _index = tables.GetTableClient(options.Value.ImageIndexTable);

    /// <summary>The entry for an image saved with a retention window; null for any other image.</summary>
    internal static TableEntity? EntryFor(Image image) =>
        image is { IsDeleted: true, RestorableUntil: { } due } ? new TableEntity(Partition, RowKey(due, image.Id)) : null;

    public async IAsyncEnumerable<ScheduledPurge> DueAsync(DateTimeOffset now, int max,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Every key due at or before now sorts before the ticks just after it.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey lt {Ticks(now.UtcTicks + 1)}");
        if (max <= 0)
        {
            yield break;
        }
        var count = 0;
        await foreach (var row in _index.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            var separator = row.RowKey.IndexOf('_', StringComparison.Ordinal);
            var ticks = long.Parse(row.RowKey.AsSpan(0, separator), CultureInfo.InvariantCulture);
            yield return new ScheduledPurge(row.RowKey[(separator + 1)..], new DateTimeOffset(ticks, TimeSpan.Zero));
            // Before the next page is asked for: a run reads no more than it deals with.
            if (++count == max)
            {
                yield break;
            }
        }
    }

    // The SDK answers a delete of a missing entity with its 404 response instead of throwing: already gone is done.
    public async Task RemoveAsync(ScheduledPurge entry, CancellationToken cancellationToken = default) =>
        await _index.DeleteEntityAsync(Partition, RowKey(entry.Due, entry.ImageId), ETag.All, cancellationToken);

    private static string RowKey(DateTimeOffset due, string imageId) => Ticks(due.UtcTicks) + "_" + imageId;

    private static string Ticks(long ticks) => ticks.ToString("D19", CultureInfo.InvariantCulture);
}
