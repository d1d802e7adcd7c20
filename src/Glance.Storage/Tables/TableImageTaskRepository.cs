using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Glance.Domain.Ports;
using Glance.Domain.Tasks;
using Microsoft.Extensions.Options;

namespace Glance.Storage.Tables;

/// <summary>
/// Tasks in the imagetasks table: PartitionKey = image id, RowKey = inverted creation ticks + task id (newest first),
/// and an index of every task in the same table (<see cref="TaskIndexRows"/>) for the tasks API, which finds tasks
/// by id alone and lists them across images. The index is written after the task's own row; the purge brings a copy
/// that missed a change in line.
/// </summary>
public sealed class TableImageTaskRepository(TableServiceClient tables, IOptions<StorageOptions> options) : IImageTaskRepository
{
    private readonly TableClient _tasks = tables.GetTableClient(options.Value.ImageTasksTable);

    public async Task SaveAsync(ImageTask task, CancellationToken cancellationToken = default)
    {
        // Side by side, so recording a task on a request's path costs no extra round trip: an index row whose task row
        // was not written lists a task that show does not find, until the purge removes it.
        var entity = ToEntity(task);
        await Task.WhenAll(_tasks.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken), WriteIndexAsync(entity, cancellationToken));
    }

    public async Task<ImageTask?> FindAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var pointer = await _tasks.GetEntityIfExistsAsync<TableEntity>(TaskIndexRows.Partition, TaskIndexRows.ById(taskId), cancellationToken: cancellationToken);
        if (!pointer.HasValue)
        {
            return null;
        }
        // The pointer names the task's row: a point read, not a query of the image's tasks.
        var row = await _tasks.GetEntityIfExistsAsync<TableEntity>(
            pointer.Value!.GetString("ImageId"), pointer.Value.GetString(TaskIndexRows.TaskRowKey), cancellationToken: cancellationToken);
        return row.HasValue ? ToTask(row.Value!, DateTimeOffset.UtcNow) : null;
    }

    public async IAsyncEnumerable<ImageTask> ListNewestFirstAsync(string? afterTaskId, int pageSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var after = TaskIndexRows.CopyPrefix;
        if (afterTaskId is not null)
        {
            var pointer = await _tasks.GetEntityIfExistsAsync<TableEntity>(TaskIndexRows.Partition, TaskIndexRows.ById(afterTaskId), cancellationToken: cancellationToken);
            if (!pointer.HasValue)
            {
                yield break;
            }
            after = TaskIndexRows.Copy(pointer.Value!.GetString(TaskIndexRows.TaskRowKey));
        }
        var now = DateTimeOffset.UtcNow;
        await foreach (var copy in QueryCopiesAsync(after, Math.Clamp(pageSize, 1, 1000), cancellationToken))
        {
            yield return ToTask(copy, now) with { ImageId = copy.GetString("ImageId") };
        }
    }

    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var purged = 0;
        await foreach (var copy in QueryCopiesAsync(TaskIndexRows.CopyPrefix, null, cancellationToken))
        {
            var stored = await _tasks.GetEntityIfExistsAsync<TableEntity>(
                copy.GetString("ImageId"), copy.GetString(TaskIndexRows.TaskRowKey), cancellationToken: cancellationToken);
            if (!stored.HasValue || stored.Value!.GetDateTimeOffset("ExpiresAt") is { } expires && expires < now)
            {
                if (stored.HasValue)
                {
                    await _tasks.DeleteEntityAsync(stored.Value!, ETag.All, cancellationToken);
                }
                try
                {
                    await _tasks.SubmitTransactionAsync(
                    [
                        new(TableTransactionActionType.Delete, new TableEntity(TaskIndexRows.Partition, TaskIndexRows.ById(copy.GetString("TaskId"))), ETag.All),
                        new(TableTransactionActionType.Delete, copy, ETag.All),
                    ], cancellationToken);
                    purged++;
                }
                catch (TableTransactionFailedException e) when (e.Status == 404)
                {
                    // Another purge run deleted both rows (together) since this one read the copy.
                }
            }
            else if (stored.Value!.GetDateTimeOffset("UpdatedAt") != copy.GetDateTimeOffset("UpdatedAt") || stored.Value.GetString("Status") != copy.GetString("Status"))
            {
                await WriteIndexAsync(stored.Value, cancellationToken);
            }
        }
        return purged;
    }

    /// <summary>The copies whose row key sorts after <paramref name="after"/> (the prefix itself: all of them).</summary>
    private IAsyncEnumerable<TableEntity> QueryCopiesAsync(string after, int? rowsPerRequest, CancellationToken cancellationToken) =>
        _tasks.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {TaskIndexRows.Partition} and RowKey gt {after} and RowKey lt {TaskIndexRows.CopyEnd}"),
            maxPerPage: rowsPerRequest, cancellationToken: cancellationToken);

    /// <summary>The index rows of a task as its row now is: the pointer from its id and the copy the list reads, in one transaction.</summary>
    private async Task WriteIndexAsync(TableEntity taskRow, CancellationToken cancellationToken)
    {
        var copy = new TableEntity(taskRow) { PartitionKey = TaskIndexRows.Partition, RowKey = TaskIndexRows.Copy(taskRow.RowKey), [TaskIndexRows.TaskRowKey] = taskRow.RowKey };
        copy["ImageId"] = taskRow.PartitionKey;
        copy.ETag = default;
        var pointer = new TableEntity(TaskIndexRows.Partition, TaskIndexRows.ById(taskRow.GetString("TaskId")))
        {
            ["ImageId"] = taskRow.PartitionKey,
            [TaskIndexRows.TaskRowKey] = taskRow.RowKey,
        };
        await _tasks.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.UpsertReplace, pointer),
            new(TableTransactionActionType.UpsertReplace, copy),
        ], cancellationToken);
    }

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
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
        await WriteIndexAsync(entity, cancellationToken);
        return true;
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
