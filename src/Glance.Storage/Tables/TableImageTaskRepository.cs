using System.Globalization;
using Azure.Data.Tables;
using Glance.Domain.Ports;
using Glance.Domain.Tasks;
using Microsoft.Extensions.Options;

namespace Glance.Storage.Tables;

/// <summary>Tasks in the imagetasks table: PartitionKey = image id, RowKey = inverted creation ticks + task id (newest first).</summary>
public sealed class TableImageTaskRepository(TableServiceClient tables, IOptions<StorageOptions> options) : IImageTaskRepository
{
    private readonly TableClient _tasks = tables.GetTableClient(options.Value.ImageTasksTable);

    public async Task SaveAsync(ImageTask task, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(task.ImageId, RowKey(task))
        {
            ["TaskId"] = task.Id,
            ["Type"] = task.Type,
            ["Status"] = task.Status,
            ["Owner"] = task.Owner,
            ["User"] = task.User,
            ["RequestId"] = task.RequestId,
            ["Input"] = task.Input,
            ["Result"] = task.Result,
            ["Message"] = task.Message,
            ["CreatedAt"] = task.CreatedAt,
            ["UpdatedAt"] = task.UpdatedAt,
            ["ExpiresAt"] = task.ExpiresAt,
        };
        await _tasks.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<ImageTask>> ListAsync(string imageId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var result = new List<ImageTask>();
        await foreach (var e in _tasks.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {imageId}"), cancellationToken: cancellationToken))
        {
            var task = new ImageTask(
                e.GetString("TaskId"), e.PartitionKey, e.GetString("Type"), e.GetString("Status"), e.GetString("Owner"), e.GetString("User"),
                e.GetString("RequestId"), e.GetString("Input") ?? "{}", e.GetString("Result"), e.GetString("Message"),
                e.GetDateTimeOffset("CreatedAt") ?? now, e.GetDateTimeOffset("UpdatedAt") ?? now, e.GetDateTimeOffset("ExpiresAt"));
            if (task.ExpiresAt is null || task.ExpiresAt > now)
            {
                result.Add(task);
            }
        }
        return result;
    }

    private static string RowKey(ImageTask task) =>
        (DateTimeOffset.MaxValue.UtcTicks - task.CreatedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "_" + task.Id;
}
