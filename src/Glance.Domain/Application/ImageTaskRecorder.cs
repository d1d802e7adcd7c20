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

    /// <summary>The events of an import that is accepted: committed with the image's move to importing; it is begun later.</summary>
    public IReadOnlyList<ImageEvent> AcceptEvents(ImageTask task, Image image) =>
        [ImageEvents.Prepare(image, clock.GetUtcNow()), ImageEvents.Task("task.create", task, clock.GetUtcNow())];

    /// <summary>One task of the image, expired or not; null when there is none (purged, or never recorded).</summary>
    public Task<ImageTask?> FindAsync(string imageId, string taskId, CancellationToken cancellationToken) =>
        tasks.FindAsync(imageId, taskId, cancellationToken);

    /// <summary>
    /// pending → processing with a compare-and-set on the task: of two workers handed the same job, one gets the
    /// task back and runs it, the other null. Reports task.processing.
    /// </summary>
    public async Task<ImageTask?> BeginAsync(ImageTask task, CancellationToken cancellationToken)
    {
        var begun = task.Begin(clock.GetUtcNow());
        if (!await tasks.TryReplaceAsync(task, begun, cancellationToken))
        {
            return null;
        }
        await images.AppendEventsAsync(task.ImageId, [ImageEvents.Task("task.processing", begun, clock.GetUtcNow())], cancellationToken);
        return begun;
    }

    /// <summary>Records how far a running task has got, in its message.</summary>
    public Task ProgressAsync(ImageTask task, string message, CancellationToken cancellationToken) =>
        tasks.SaveAsync(task.Progress(message, clock.GetUtcNow()), cancellationToken);

    /// <summary>The events of a task that takes a stale import over: committed with the move of the lock.</summary>
    public IReadOnlyList<ImageEvent> TakeOverEvents(ImageTask task) =>
        [ImageEvents.Task("task.create", task, clock.GetUtcNow()), ImageEvents.Task("task.processing", task, clock.GetUtcNow())];

    public Task SaveAsync(ImageTask task, CancellationToken cancellationToken) => tasks.SaveAsync(task, cancellationToken);

    public async Task SucceedAsync(ImageTask task, string message) => await FinishAsync(task.Succeed(message, clock.GetUtcNow()));

    public async Task FailAsync(ImageTask task, string reason) => await FinishAsync(task.Fail(reason, clock.GetUtcNow()));

    private async Task FinishAsync(ImageTask task)
    {
        await tasks.SaveAsync(task, CancellationToken.None);
        await images.AppendEventsAsync(task.ImageId, [ImageEvents.Task($"task.{task.Status}", task, clock.GetUtcNow())], CancellationToken.None);
    }
}
