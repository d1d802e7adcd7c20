using Azure.Data.Tables;

namespace Glance.Storage.Events;

/// <summary>
/// Work for the dispatcher: a partition, and the rows a commit just wrote (null: read the partition); a sweep's work
/// also says when it is done, and is only a marker when earlier work for the partition will publish what is pending.
/// </summary>
public sealed record OutboxWork(OutboxPartition Partition, long? FirstSequence, IReadOnlyList<TableEntity>? Rows)
{
    public TaskCompletionSource? Completion { get; init; }

    public bool MarkerOnly { get; init; }
}
