using Azure;
using Azure.Data.Tables;
using Glance.Domain.Members;

namespace Glance.Storage.Tables;

/// <summary>
/// An image's partition as one range read returns it: the image row, the listing marker and the member rows (the
/// outbox events sort before the image row and are not read). A write needs all three (the row's ETag for the
/// compare-and-set, the marker and members for the listing copies), so reading them together saves round trips.
/// </summary>
internal sealed class ImagePartition
{
    public TableEntity? ImageRow { get; private set; }
    public ETag? MarkerETag { get; private set; }

    /// <summary>The scopes the marker names: every scope a recent state was listed in, until a sync narrows it.</summary>
    public List<string> MarkerScopes { get; } = [];

    public List<ImageMember> Members { get; } = [];

    public static async Task<ImagePartition> ReadAsync(TableClient images, string imageId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {imageId} and RowKey ge {ImagePartitionRows.ImagePrefix} and RowKey lt {TableImageMemberRepository.RowKeyEnd}");
        var partition = new ImagePartition();
        await foreach (var entity in images.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (ImagePartitionRows.IsImage(entity.RowKey))
            {
                partition.ImageRow = entity;
            }
            else if (ImagePartitionRows.IsListingMarker(entity.RowKey))
            {
                partition.MarkerETag = entity.ETag;
                partition.MarkerScopes.AddRange(ListingIndex.ScopeNamesOf(entity));
            }
            else if (TableImageMemberRepository.IsMemberRow(entity))
            {
                partition.Members.Add(TableImageMemberRepository.ToMember(entity));
            }
        }
        return partition;
    }
}
