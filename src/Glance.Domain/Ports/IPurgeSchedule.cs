namespace Glance.Domain.Ports;

/// <summary>
/// Deleted images kept for a restore, by the time their retention window ends, so that the purge reads only those
/// that are due. The repository enters every image it saves with a window; nothing else writes here. An entry is a
/// hint, never the truth: the image's own record decides, and an image restored (or deleted again with a later window)
/// leaves an entry behind that the purge drops when it comes due.
/// </summary>
public interface IPurgeSchedule
{
    /// <summary>Up to <paramref name="max"/> entries due at or before <paramref name="now"/>, earliest first.</summary>
    IAsyncEnumerable<ScheduledPurge> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default);

    /// <summary>Removes an entry the purge has dealt with; nothing happens when it is gone already.</summary>
    Task RemoveAsync(ScheduledPurge entry, CancellationToken cancellationToken = default);
}
