using Glance.Domain.Application;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Glance.Functions.Functions;

/// <summary>
/// Every hour, deletes the tasks whose time to live has passed (48 hours after they end, Glance's
/// task_time_to_live), so that the tasks API's list stays the size of two days of imports.
/// </summary>
public sealed class TaskPurgeFunctions(TaskQueries tasks, ILogger<TaskPurgeFunctions> logger)
{
    [Function(nameof(PurgeExpiredTasks))]
    public async Task PurgeExpiredTasks([TimerTrigger("0 17 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var purged = await tasks.PurgeExpiredAsync(cancellationToken);
        if (purged > 0)
        {
            logger.LogInformation("Purged {Count} expired tasks", purged);
        }
    }
}
