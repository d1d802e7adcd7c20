using Glance.Domain.Events;
using Glance.Domain.Images;
using Glance.Domain.Ports;
using Glance.Domain.Tasks;

namespace Glance.Domain.Application;

/// <summary>Keeps the task records of imports and upload validations, and reports them (task.*).</summary>
public sealed class ImageTaskRecorder(IImageTaskRepository tasks, IImageRepository images, TimeProvider clock)
{
    /// <summary>The events of a task that starts: committed with the image's move to importing.</summary>
    public IReadOnlyList<ImageEvent> StartEvents(ImageTask task, Image image) =>
        [ImageEvents.Prepare(image, clock.GetUtcNow()), ImageEvents.Task("task.create", task, clock.GetUtcNow()), ImageEvents.Task("task.processing", task, clock.GetUtcNow())];

    public Task SaveAsync(ImageTask task, CancellationToken cancellationToken) => tasks.SaveAsync(task, cancellationToken);

    public async Task SucceedAsync(ImageTask task, string message) => await FinishAsync(task.Succeed(message, clock.GetUtcNow()));

    public async Task FailAsync(ImageTask task, string reason) => await FinishAsync(task.Fail(reason, clock.GetUtcNow()));

    private async Task FinishAsync(ImageTask task)
    {
        await tasks.SaveAsync(task, CancellationToken.None);
        await images.AppendEventsAsync(task.ImageId, [ImageEvents.Task($"task.{task.Status}", task, clock.GetUtcNow())], CancellationToken.None);
    }
}
