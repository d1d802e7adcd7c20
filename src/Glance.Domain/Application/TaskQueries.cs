using Glance.Domain.Errors;
using Glance.Domain.Identity;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Glance.Domain.Tasks;

namespace Glance.Domain.Application;

/// <summary>
/// Glance's tasks API (GET /v2/tasks, GET /v2/tasks/{id}): the tasks this service records for imports and
/// validations, to whoever tasks_api_access admits (administrators by default). As in Glance, an administrator sees
/// every project's tasks, anyone else their own project's; expired tasks are not shown and are purged.
/// </summary>
public sealed class TaskQueries(IImageTaskRepository tasks, ImagePolicy policy, TimeProvider clock)
{
    /// <summary>tasks_api_access: Glance checks it before it reads the request, so every tasks route calls this first.</summary>
    public void EnsureApiAccess(Caller caller) => policy.EnforceForProject(ImagePolicyDefaults.TasksApiAccess, caller);

    public async Task<TaskPage> ListAsync(Caller caller, TaskListQuery query, CancellationToken cancellationToken = default)
    {
        EnsureApiAccess(caller);
        policy.EnforceForProject(ImagePolicyDefaults.GetTasks, caller);
        var now = clock.GetUtcNow();
        bool Live(ImageTask t) => (t.ExpiresAt is null || t.ExpiresAt > now) && policy.IsTaskVisible(caller, t);
        bool Asked(ImageTask t) => (query.Status is null || t.Status == query.Status) && (query.Type is null || t.Type == query.Type);
        List<ImageTask> page;
        if (query.SortKey == TaskSortKey.CreatedAt && !query.Ascending)
        {
            // The index's own order: read from the marker on, only as far as the page needs.
            if (query.Marker is { } marker && (await tasks.FindAsync(marker, cancellationToken) is not { } found || !Live(found)))
            {
                throw GlanceErrors.TaskMarkerNotFound(marker);
            }
            page = await tasks.ListNewestFirstAsync(query.Marker, query.Limit + 1, cancellationToken)
                .Where(t => Live(t) && Asked(t)).Take(query.Limit).ToListAsync(cancellationToken);
        }
        else
        {
            // Glance sorts by any of eleven columns: every live task, sorted here (two days of imports at most).
            var ordered = TaskOrdering.Sort(
                await tasks.ListNewestFirstAsync(null, 1000, cancellationToken).Where(Live).ToListAsync(cancellationToken), query.SortKey, query.Ascending).ToList();
            var start = 0;
            if (query.Marker is { } marker)
            {
                // Glance looks the marker up before it filters: a task of another status is a marker all the same.
                var at = ordered.FindIndex(t => t.Id == marker);
                start = at >= 0 ? at + 1 : throw GlanceErrors.TaskMarkerNotFound(marker);
            }
            page = ordered.Skip(start).Where(Asked).Take(query.Limit).ToList();
        }
        return new TaskPage(page, page.Count > 0 && page.Count == query.Limit);
    }

    public async Task<ImageTask> ShowAsync(Caller caller, string taskId, CancellationToken cancellationToken = default)
    {
        EnsureApiAccess(caller);
        policy.EnforceForProject(ImagePolicyDefaults.GetTask, caller);
        var task = await tasks.FindAsync(taskId, cancellationToken);
        return task is not null && policy.IsTaskVisible(caller, task) ? task : throw GlanceErrors.TaskNotFound(taskId);
    }

    /// <summary>Removes the tasks whose time to live has passed (Glance's task_time_to_live after they end).</summary>
    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default) => tasks.PurgeExpiredAsync(clock.GetUtcNow(), cancellationToken);
}
