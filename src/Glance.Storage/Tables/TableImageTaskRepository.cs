using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Glance.Domain.Ports;
using Glance.Domain.Tasks;
using Microsoft.Extensions.Options;

namespace Glance.Storage.Tables;

/// <summary>Tasks in the imagetasks table: PartitionKey = image id, RowKey = inverted creation ticks + task id (newest first).</summary>
public sealed class TableImageTaskRepository(TableServiceClient tables, IOptions<StorageOptions> options) : IImageTaskRepository
{
    private readonly TableClient _tasks = tables.GetTableClient(options.Value.ImageTasksTable);

    public async Task SaveAsync(ImageTask task, CancellationToken cancellationToken = default) =>
        await _tasks.UpsertEntityAsync(ToEntity(task), TableUpdateMode.Replace, cancellationToken);

    public async Task<ImageTask?> FindAsync(string imageId, string taskId, CancellationToken cancellationToken = default) =>
        await FindEntityAsync(imageId, taskId, cancellationToken) is { } entity ? ToTask(entity, DateTimeOffset.UtcNow) : null;

    public async Task<bool> TryReplaceAsync(ImageTask current, ImageTask next, CancellationToken cancellationToken = default)
    {
        var stored = await FindEntityAsync(current.ImageId, current.Id, cancellationToken);
        if (stored is null || stored.GetString("Status") != current.Status)
        {
            return false;
        }
        var entity = ToEntity(next);
        entity.RowKey = stored.RowKey;
        try
        {
            await _tasks.UpdateEntityAsync(entity, stored.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    // By the TaskId column, not by the row key: a row key rebuilt from a stored CreatedAt could differ in precision.
    private async Task<TableEntity?> FindEntityAsync(string imageId, string taskId, CancellationToken cancellationToken)
    {
        await foreach (var entity in _tasks.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {imageId} and TaskId eq {taskId}"), cancellationToken: cancellationToken))
        {
            return entity;
        }
        return null;
    }

    private static TableEntity ToEntity(ImageTask task) =>
        new(task.ImageId, RowKey(task))
        {
            ["TaskId"] = task.Id,
            ["Type"] = task.Type,
            ["Status"] = task.Status,
            ["Owner"] = task.Owner,
            ["User"] = task.User,
            ["RequestId"] = task.RequestId,
            ["Input"] = ImageTaskInputJson.Write(task.Input),
            ["Result"] = task.Result,
            ["Message"] = task.Message,
            ["CreatedAt"] = task.CreatedAt,
            ["UpdatedAt"] = task.UpdatedAt,
            ["ExpiresAt"] = task.ExpiresAt,
        };

    private static ImageTask ToTask(TableEntity e, DateTimeOffset now) =>
        new(e.GetString("TaskId"), e.PartitionKey, e.GetString("Type"), e.GetString("Status"), e.GetString("Owner"), e.GetString("User"),
            e.GetString("RequestId"), ImageTaskInputJson.Read(e.GetString("Input")), e.GetString("Result"), e.GetString("Message"),
            e.GetDateTimeOffset("CreatedAt") ?? now, e.GetDateTimeOffset("UpdatedAt") ?? now, e.GetDateTimeOffset("ExpiresAt"));

    public async Task<IReadOnlyList<ImageTask>> ListAsync(string imageId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var result = new List<ImageTask>();
        await foreach (var e in _tasks.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {imageId}"), cancellationToken: cancellationToken))
        {
            var task = ToTask(e, now);
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
