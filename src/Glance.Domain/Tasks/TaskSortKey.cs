namespace Glance.Domain.Tasks;

/// <summary>The columns Glance's task list sorts by (its tasks table's, less those it refuses: input, result, message).</summary>
public enum TaskSortKey
{
    CreatedAt,
    UpdatedAt,
    ExpiresAt,
    Id,
    Type,
    Status,
    Owner,
    ImageId,
    RequestId,
    UserId,
    /// <summary>Glance's soft-delete flag: false for every task it lists, so the order falls to the tie-breakers.</summary>
    Deleted,
}
