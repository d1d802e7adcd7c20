using System.Net;
using Azure;
using Azure.Data.Tables;
using Glance.Domain.Metadefs;

namespace Glance.Storage.Metadefs;

/// <summary>
/// The resource types associations have named, one row each in the <c>resource_types</c> partition. A row is written
/// before the association that names it commits and never removed (Glance keeps resource types too), so a crash in
/// between leaves at most a resource type no namespace uses, which Glance can also have.
/// </summary>
internal sealed class ResourceTypeRegistry(TableClient table)
{
    private const string Partition = "resource_types";

    public async Task RegisterAsync(IEnumerable<ResourceTypeAssociation> associations, CancellationToken cancellationToken)
    {
        foreach (var association in associations)
        {
            try
            {
                await table.AddEntityAsync(new TableEntity(Partition, MetadefKeys.ResourceType(association.Name))
                {
                    ["Name"] = association.Name,
                    ["CreatedAt"] = association.CreatedAt,
                    ["UpdatedAt"] = MetadefRows.Updated(association.UpdatedAt),
                }, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
            {
                // Registered by an earlier association: the first creation time stands.
            }
        }
    }

    public async Task<IReadOnlyList<ResourceType>> ListAsync(CancellationToken cancellationToken)
    {
        var types = new List<ResourceType>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            types.Add(new ResourceType(row.GetString("Name"), row.GetDateTimeOffset("CreatedAt") ?? default, row.GetDateTimeOffset("UpdatedAt") ?? default));
        }
        return types.OrderBy(t => t.CreatedAt).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
    }
}
