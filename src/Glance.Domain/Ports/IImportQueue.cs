using Glance.Domain.Importing;

namespace Glance.Domain.Ports;

/// <summary>
/// Where an accepted import waits for a worker. Delivery is at least once, possibly late and possibly to two workers:
/// whoever runs a job must make a second delivery harmless.
/// </summary>
public interface IImportQueue
{
    Task EnqueueAsync(ImportJob job, CancellationToken cancellationToken = default);
}
