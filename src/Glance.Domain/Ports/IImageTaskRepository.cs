using Glance.Domain.Tasks;

namespace Glance.Domain.Ports;

public interface IImageTaskRepository
{
    Task SaveAsync(ImageTask task, CancellationToken cancellationToken = default);

    /// <summary>The image's tasks that have not expired, newest first.</summary>
    Task<IReadOnlyList<ImageTask>> ListAsync(string imageId, DateTimeOffset now, CancellationToken cancellationToken = default);
}
