using System.Diagnostics;
using Glance.Domain.Data;
using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Images;
using Glance.Domain.Ports;
using Glance.Domain.Quotas;
using Glance.Domain.Tasks;
using Glance.Domain.Telemetry;

namespace Glance.Domain.Application;

/// <summary>
/// The steps every data path shares (PUT /file, stage, upload-URL validation, glance-direct and web-download imports,
/// their takeover), in the order they run: begin under a lease that seals the bytes, write or read them through the
/// hasher, activate the image or return it to queued, record the task's end. Every path ends here, so every path is
/// judged by the same rules and fails the same way. An operation is known by the lease its bytes are sealed under: a
/// failure only ever undoes its own operation, never a newer upload's. The image changes only through
/// <see cref="ImageUpdater"/>.
/// </summary>
public sealed class ImageDataFlow(
    IImageRepository images, IImageDataStore data, ImageTaskRecorder tasks, ImageUpdater updater, ProjectQuotas quotas, ImageDataOptions options,
    TimeProvider clock)
{
    /// <summary>A change of the image during a data operation (begin, mark staged, take over), through the updater.</summary>
    public Task<Image> ChangeAsync(
        string imageId, Action<Image> change, CancellationToken cancellationToken, Func<Image, IReadOnlyList<ImageEvent>>? events = null) =>
        LeavingNoBytesOfADeletedImageAsync(imageId, () => updater.UpdateImageAsync(imageId, change, cancellationToken, events));

    /// <summary>The store named, or the one the service is given (the default store; the one store without multistore).</summary>
    public IImageDataStore StoreOf(string? storeId) => storeId is null ? data : data.InStore(storeId);

    /// <summary>Writes a body into the image's blob, sealed under <paramref name="leaseId"/>, hashing it on the way.</summary>
    public Task<ImageDataFacts> WriteAndHashAsync(string imageId, string leaseId, Stream body, CancellationToken cancellationToken) =>
        WriteAndHashAsync(imageId, null, leaseId, body, cancellationToken);

    /// <summary>As above, into <paramref name="storeId"/> (null: the default store).</summary>
    public async Task<ImageDataFacts> WriteAndHashAsync(string imageId, string? storeId, string leaseId, Stream body, CancellationToken cancellationToken)
    {
        using var hasher = new ImageDataHasher(options.HashingAlgorithm, options.ImageSizeCap);
        var store = StoreOf(storeId);
        await store.CreateSealedAsync(imageId, leaseId, cancellationToken);
        await store.WriteAsync(imageId, leaseId, new HashingReadStream(body, hasher), cancellationToken);
        return hasher.Finish();
    }

    /// <summary>One pass over bytes already sealed in storage (an upload through a URL, staged data).</summary>
    public Task<ImageDataFacts> ReadAndHashAsync(string imageId, CancellationToken cancellationToken) => ReadAndHashAsync(imageId, null, cancellationToken);

    /// <summary>As above, in <paramref name="storeId"/> (null: the default store).</summary>
    public async Task<ImageDataFacts> ReadAndHashAsync(string imageId, string? storeId, CancellationToken cancellationToken)
    {
        using var activity = GlanceMetrics.Source.StartActivity("ReadAndHash");
        activity?.SetTag("glance.image_id", imageId);
        var started = Stopwatch.GetTimestamp();
        using var hasher = new ImageDataHasher(options.HashingAlgorithm, options.ImageSizeCap);
        await using var stream = await StoreOf(storeId).OpenReadAsync(imageId, cancellationToken: cancellationToken);
        var facts = await hasher.ConsumeAsync(stream, cancellationToken);
        GlanceMetrics.ValidationDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        GlanceMetrics.ValidationBytes.Add(facts.Size);
        return facts;
    }

    /// <summary>
    /// The end of a task that began: <paramref name="readAndHash"/> produces the facts of its bytes, the image is
    /// activated from them, and the task records success; or the task records why not and then the image returns to
    /// queued with its bytes deleted (in that order, so whoever sees queued can read the reason). Caller errors end
    /// the task; anything else is also rethrown. A failure that is not a verdict on the bytes (storage out of reach,
    /// the host stopping) leaves a task that <see cref="ImageTask.CanRunAgain"/> as it is, processing, with the image
    /// importing and its bytes sealed: the stale-operation recovery takes it over once its lock is stale, instead of
    /// the user's bytes being thrown away.
    /// </summary>
    /// <param name="toStores">
    /// With multistore, puts the validated bytes into the import's stores and gives those that hold them at the end
    /// (<see cref="ImageStoreCopier.ImportToStoresAsync"/>); null: the operation's store holds them.
    /// </param>
    /// <param name="afterActivation">
    /// Work the task still does once the image is active (the other stores of an import whose stores need not all
    /// succeed); the image keeps the task's lock until it ends, and its answer, when not empty, ends the task's message.
    /// </param>
    public async Task ActivateOrFailAsync(
        ImageTask task, string leaseId, Func<Task<ImageDataFacts>> readAndHash, string unexpectedFailure, CancellationToken cancellationToken,
        Func<ImageDataFacts, Task<IReadOnlyList<string>>>? toStores = null, Func<Image, Task<string>>? afterActivation = null)
    {
        Image active;
        try
        {
            var facts = await readAndHash();
            var stores = toStores is null ? null : await toStores(facts);
            active = await ActivateAsync(task.ImageId, facts, stores, cancellationToken,
                afterActivation is null ? null : image => image.HoldImportLock(task.Id));
        }
        catch (Exception e) when (e is GlanceException || !task.CanRunAgain)
        {
            var reason = e is GlanceException ? e.Message : unexpectedFailure;
            await tasks.FailAsync(task, reason);
            await ReturnToQueuedAsync(task.ImageId, leaseId, reason);
            if (e is not GlanceException)
            {
                throw;
            }
            return;
        }
        // After activation nothing may undo it: a failure to record the success only loses the record.
        var message = $"Image {task.ImageId} is active: {active.Size} bytes validated.";
        if (afterActivation is not null && await afterActivation(active) is { Length: > 0 } more)
        {
            message += " " + more;
        }
        await tasks.SucceedAsync(task, message);
    }

    /// <summary>
    /// Activates the image from the facts, judging them against the very copy of the image that is saved (a PATCH
    /// of disk_format meanwhile is judged too), and the size against the owner's image_size_total, or throws Glance's
    /// 4xx. Callers undo with <see cref="ReturnToQueuedAsync"/> once they have recorded why.
    /// </summary>
    public Task<Image> ActivateAsync(string imageId, ImageDataFacts facts, CancellationToken cancellationToken) =>
        ActivateAsync(imageId, facts, null, cancellationToken);

    /// <summary>As above, the bytes held by <paramref name="stores"/> (null: the operation's store), with <paramref name="change"/> applied too.</summary>
    public Task<Image> ActivateAsync(
        string imageId, ImageDataFacts facts, IReadOnlyList<string>? stores, CancellationToken cancellationToken, Action<Image>? change = null) =>
        LeavingNoBytesOfADeletedImageAsync(imageId, () => updater.UpdateImageAsync(imageId, async image =>
        {
            var virtualSize = ImageDataRules.Evaluate(image, facts, image.Expectations, options);
            await quotas.EnsureDataFitsAsync(image, facts.Size, cancellationToken);
            image.Activate(facts, virtualSize, clock.GetUtcNow(), stores);
            change?.Invoke(image);
        }, cancellationToken, i => [ImageEvents.Upload(i, clock.GetUtcNow()), ImageEvents.Activate(i, clock.GetUtcNow())]));

    /// <summary>
    /// Undoes the operation sealed under <paramref name="leaseId"/>: deletes its bytes and returns the image to
    /// queued (image.upload failed with the reason), if the image is still in that operation's hands; otherwise does
    /// nothing. Safe to call twice. Runs to its end whatever the caller's token says: an undo left half-way is a stuck
    /// image.
    /// </summary>
    public async Task ReturnToQueuedAsync(string imageId, string leaseId, string reason, Action<Image>? change = null)
    {
        var image = await images.FindAsync(imageId, CancellationToken.None);
        if (image is not null && !image.IsDeleted && !InOperation(image, leaseId))
        {
            return;
        }
        await StoreOf(image?.DataStore).DeleteSealedAsync(imageId, leaseId, CancellationToken.None);
        // And any copy an import into several stores made before it failed (sealed under the same lease, in stores the
        // image does not name yet).
        foreach (var store in options.Stores.IsMultistore ? options.Stores.Ids : image?.Stores ?? [])
        {
            await StoreOf(store).DeleteSealedAsync(imageId, leaseId, CancellationToken.None);
        }
        // And what an upload URL left in the upload area: the user uploads again through a new URL.
        await data.DeleteUploadAsync(imageId, CancellationToken.None);
        if (image is null || image.IsDeleted)
        {
            return;
        }
        try
        {
            await LeavingNoBytesOfADeletedImageAsync(imageId, () => updater.UpdateImageAsync(imageId, i =>
            {
                if (!InOperation(i, leaseId))
                {
                    return false;
                }
                i.ReturnToQueued(clock.GetUtcNow());
                change?.Invoke(i);
                return true;
            }, CancellationToken.None, i => [ImageEvents.UploadFailed(i.Id, reason, clock.GetUtcNow())]));
        }
        catch (GlanceException e) when (e.Kind == GlanceErrorKind.Gone)
        {
        }
    }

    /// <summary>
    /// When the image was deleted meanwhile (410), its bytes go too: a write may have landed after the delete removed
    /// them.
    /// </summary>
    private async Task<Image> LeavingNoBytesOfADeletedImageAsync(string imageId, Func<Task<Image>> update)
    {
        try
        {
            return await update();
        }
        catch (GlanceException e) when (e.Kind == GlanceErrorKind.Gone)
        {
            await data.DeleteAsync(imageId, CancellationToken.None);
            throw;
        }
    }

    private static bool InOperation(Image image, string leaseId) =>
        image.DataLeaseId == leaseId && image.Status is ImageStatus.Saving or ImageStatus.Uploading or ImageStatus.Importing;
}
