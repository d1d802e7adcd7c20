namespace Glance.Storage.Events;

/// <summary>
/// A table partition that keeps an outbox: its <c>event:</c> rows report changes of the rows beside them, committed in
/// the same transactions (an image's partition of the images table, a namespace's of the metadefs table).
/// </summary>
public sealed record OutboxPartition(string Table, string PartitionKey);
