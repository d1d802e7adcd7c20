namespace Glance.Domain.Tasks;

/// <summary>
/// The order of Glance's task list: the sort key, then creation time and id as tie-breakers, all in the one direction
/// asked for (glance/db/sqlalchemy/api.py pages tasks on [sort_key, created_at, id]).
/// </summary>
public static class TaskOrdering
{
    public static IOrderedEnumerable<ImageTask> Sort(IEnumerable<ImageTask> tasks, TaskSortKey key, bool ascending)
    {
        var byKey = key switch
        {
            TaskSortKey.CreatedAt or TaskSortKey.Deleted => Order(tasks, t => t.CreatedAt, ascending),
            TaskSortKey.UpdatedAt => Order(tasks, t => t.UpdatedAt, ascending),
            TaskSortKey.ExpiresAt => Order(tasks, t => t.ExpiresAt, ascending),
            TaskSortKey.Id => Order(tasks, t => t.Id, ascending),
            TaskSortKey.Type => Order(tasks, t => t.Type, ascending),
            TaskSortKey.Status => Order(tasks, t => t.Status, ascending),
            TaskSortKey.Owner => Order(tasks, t => t.Owner, ascending),
            TaskSortKey.ImageId => Order(tasks, t => t.ImageId, ascending),
            TaskSortKey.RequestId => Order(tasks, t => t.RequestId, ascending),
            TaskSortKey.UserId => Order(tasks, t => t.User, ascending),
            _ => throw new ArgumentOutOfRangeException(nameof(key)),
        };
        var byTime = ascending ? byKey.ThenBy(t => t.CreatedAt) : byKey.ThenByDescending(t => t.CreatedAt);
        return ascending ? byTime.ThenBy(t => t.Id, StringComparer.Ordinal) : byTime.ThenByDescending(t => t.Id, StringComparer.Ordinal);
    }

    private static IOrderedEnumerable<ImageTask> Order<T>(IEnumerable<ImageTask> tasks, Func<ImageTask, T> key, bool ascending)
    {
        var comparer = typeof(T) == typeof(string) ? (IComparer<T>)StringComparer.Ordinal : Comparer<T>.Default;
        return ascending ? tasks.OrderBy(key, comparer) : tasks.OrderByDescending(key, comparer);
    }
}
