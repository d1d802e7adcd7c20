using Glance.Domain.Tasks;

namespace Glance.Domain.Ports;

public interface IImageTaskRepository
{
    Task SaveAsync(ImageTask task, CancellationToken cancellationToken = default);

    /// <summary>The image's tasks that have not expired, newest first.</summary>
    Task<IReadOnlyList<ImageTask>> ListAsync(string imageId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>One task of the image, expired or not; null when there is none.</summary>
    Task<ImageTask?> FindAsync(string imageId, string taskId, CancellationToken cancellationToken = default);

    /// <summary>A task by its id alone, expired or not; null when there is none.</summary>
    Task<ImageTask?> FindAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every task of every image that has not been purged, newest first (what GET /v2/tasks chooses from), after the
    /// task <paramref name="afterTaskId"/> when given (none when that task is gone). <paramref name="pageSize"/> is how
    /// many the caller expects to need: reads fetch that many at a time.
    /// </summary>
    IAsyncEnumerable<ImageTask> ListNewestFirstAsync(string? afterTaskId, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>Deletes the tasks whose <see cref="ImageTask.ExpiresAt"/> is before <paramref name="now"/>; returns how many.</summary>
    Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves <paramref name="next"/> only if the stored task still has the status of <paramref name="current"/>
    /// (compare-and-set on the row): of two workers that begin the same task, one gets true.
    /// </summary>
    Task<bool> TryReplaceAsync(ImageTask current, ImageTask next, CancellationToken cancellationToken = default);
}
