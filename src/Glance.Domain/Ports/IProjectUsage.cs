using Glance.Domain.Quotas;

namespace Glance.Domain.Ports;

/// <summary>What the images a project owns use, for its quotas; a null project is the images without an owner.</summary>
public interface IProjectUsage
{
    Task<ProjectUsage> GetAsync(string? project, CancellationToken cancellationToken = default);
}
