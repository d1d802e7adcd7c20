namespace Glance.Domain.Tasks;

/// <summary>
/// GET /v2/tasks: at most <paramref name="Limit"/> tasks after the task <paramref name="Marker"/>, in
/// <paramref name="SortKey"/> order, of one status and type when given.
/// </summary>
public sealed record TaskListQuery(int Limit, string? Marker, TaskSortKey SortKey, bool Ascending, string? Status, string? Type)
{
    /// <summary>Glance's defaults: newest first, limit_param_default tasks.</summary>
    public static TaskListQuery Default(int limit) => new(limit, null, TaskSortKey.CreatedAt, Ascending: false, null, null);
}
