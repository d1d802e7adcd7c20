using Azure.Data.Tables;
using Glance.Domain.Images;
using Glance.Domain.Listing;
using Glance.Domain.Ports;
using Glance.Domain.Quotas;
using Microsoft.Extensions.Options;

namespace Glance.Storage.Tables;

/// <summary>
/// A project's usage from the listing index, which keeps a copy of every image the project owns in the project's
/// partition, in step before each write answers: one range read of the owner rows, two columns each, a page per
/// 1000 images. Deleted images have no copies; anything else the index holds is counted as Glance counts it.
/// </summary>
public sealed class TableProjectUsage(TableServiceClient tables, IOptions<StorageOptions> options) : IProjectUsage
{
    private const string StatusColumn = "Status";
    private const string SizeColumn = "Size";
    private static readonly string[] Columns = [StatusColumn, SizeColumn];

    private readonly TableClient _index = tables.GetTableClient(options.Value.ImageIndexTable);

    public async Task<ProjectUsage> GetAsync(string? project, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {ListingKeys.Partition(ListingScope.OwnedBy(project))} and Relation eq {ListingKeys.OwnerRelation}");
        var usage = ProjectUsage.None;
        await foreach (var row in _index.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: Columns, cancellationToken: cancellationToken))
        {
            if (!ImageStatusNames.TryParse(row.GetString(StatusColumn), out var status))
            {
                throw new InvalidDataException($"Listing copy {row.PartitionKey}/{row.RowKey} has an unknown status '{row.GetString(StatusColumn)}'.");
            }
            usage = usage.Add(status, row.GetInt64(SizeColumn));
        }
        return usage;
    }
}
