using Glance.Domain.Data;
using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Images;
using Glance.Domain.Ports;
using Glance.Domain.Tasks;

namespace Glance.Domain.Application;

/// <summary>Keeps the task records of imports and upload validations, and reports them (task.*).</summary>
public sealed class ImageTaskRecorder(IImageTaskRepository tasks, IImageRepository images, ImageActivation activation, TimeProvider clock)
{
    /// <summary>
    /// Runs a started task to its end: the bytes its work produces are judged and the image activated, or the task
    /// records why not, and then the bytes are deleted and the image goes back to queued (in that order, so whoever
    /// sees queued can read the reason). Caller errors end the task; anything else is also rethrown. A failure that
    /// is not a verdict on the bytes (storage out of reach, the host stopping) leaves a task that
    /// <see cref="ImageTask.CanRunAgain"/> as it is, processing, with the image importing and its bytes sealed: the
    /// stale-operation recovery takes it over once its lock is stale, instead of the user's bytes being thrown away.
    /// </summary>
    public async Task RunAsync(
        ImageTask task, string leaseId, Func<Task<ImageDataFacts>> work, string unexpectedFailure, CancellationToken cancellationToken)
    {
        Image active;
        try
        {
            active = await activation.ActivateAsync(task.ImageId, await work(), cancellationToken);
        }
        catch (Exception e) when (e is GlanceException || !task.CanRunAgain)
        {
            var reason = e is GlanceException ? e.Message : unexpectedFailure;
            await FailAsync(task, reason);
            await activation.FailAsync(task.ImageId, leaseId, reason, CancellationToken.None);
            if (e is not GlanceException)
            {
                throw;
            }
            return;
        }
        // After activation nothing may undo it: a failure to record the success only loses the record.
        await SucceedAsync(task, $"Image {task.ImageId} is active: {active.Size} bytes validated.");
    }

    /// <summary>The events of a task that starts: committed with the image's move to importing.</summary>
    public IReadOnlyList<ImageEvent> StartEvents(ImageTask task, Image image) =>
        [ImageEvents.Prepare(image, clock.GetUtcNow()), ImageEvents.Task("task.create", task, clock.GetUtcNow()), ImageEvents.Task("task.processing", task, clock.GetUtcNow())];

    /// <summary>The events of an import that is accepted: committed with the image's move to importing; it is begun later.</summary>
    public IReadOnlyList<ImageEvent> AcceptEvents(ImageTask task, Image image) =>
        [ImageEvents.Prepare(image, clock.GetUtcNow()), ImageEvents.Task("task.create", task, clock.GetUtcNow())];

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

    private async Task SucceedAsync(ImageTask task, string message) => await FinishAsync(task.Succeed(message, clock.GetUtcNow()));

    public async Task FailAsync(ImageTask task, string reason) => await FinishAsync(task.Fail(reason, clock.GetUtcNow()));

    private async Task FinishAsync(ImageTask task)
    {
        await tasks.SaveAsync(task, CancellationToken.None);
        await images.AppendEventsAsync(task.ImageId, [ImageEvents.Task($"task.{task.Status}", task, clock.GetUtcNow())], CancellationToken.None);
    }
}
