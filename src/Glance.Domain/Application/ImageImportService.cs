using Glance.Domain.Data;
using Glance.Domain.Errors;
using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Importing;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Glance.Domain.Quotas;
using Glance.Domain.Stores;
using Glance.Domain.Tasks;

namespace Glance.Domain.Application;

/// <summary>Glance's interoperable import: PUT /stage, then POST /import with glance-direct; or web-download.</summary>
public sealed class ImageImportService(
    ImageAccess access,
    ImagePolicy policy,
    IImageDataStore data,
    ImageTaskRecorder tasks,
    IWebDownloader webDownloader,
    IImportQueue queue,
    ImageDataFlow flow,
    ProjectQuotas quotas,
    ImageDataOptions options,
    TimeProvider clock)
{
    public const string StagingFailed = "Staging failed.";

    /// <summary>Glance's: a lock whose task has not changed for this long may be taken (twice as long for a pending task).</summary>
    public static readonly TimeSpan ImportLockExpiry = TimeSpan.FromMinutes(60);

    public const string ExpiredLockPreempted = "Expired lock preempted";

    public IReadOnlyList<string> EnabledMethods => options.EnabledImportMethods;

    /// <summary>
    /// PUT /v2/images/{id}/stage: queued → uploading, the bytes stored sealed until the import. Staging has no rule of
    /// its own in Glance; it checks modify_image. The import validates the bytes against what the client
    /// <paramref name="declared"/> (its headers); a declared size is checked as soon as the bytes are written.
    /// </summary>
    public async Task StageAsync(
        Caller caller, string imageId, Stream body, UploadExpectations? declared = null, CancellationToken cancellationToken = default)
    {
        imageId = ImageIds.Canonical(imageId);
        declared ??= UploadExpectations.None;
        if (!EnabledMethods.Contains(ImportRequest.GlanceDirect))
        {
            throw GlanceErrors.GlanceDirectNotEnabled();
        }
        declared.EnsureVerifiable(options.HashingAlgorithm);
        var visible = await access.FindVisibleAsync(caller, imageId, cancellationToken);
        policy.Enforce(ImagePolicyDefaults.ModifyImage, caller, visible);
        await quotas.EnsureCanStageAsync(visible, cancellationToken);
        var leaseId = Guid.NewGuid().ToString();
        await flow.ChangeAsync(imageId, image =>
        {
            policy.Enforce(ImagePolicyDefaults.ModifyImage, caller, image);
            policy.EnsureMutable(caller, image);
            image.Stage(leaseId, clock.GetUtcNow(), declared: declared);
        }, cancellationToken);
        try
        {
            await data.CreateSealedAsync(imageId, leaseId, cancellationToken);
            var capped = new SizeCappedReadStream(body, options.ImageSizeCap);
            await data.WriteAsync(imageId, leaseId, capped, cancellationToken);
            if (declared.Size is { } size && size != capped.BytesRead)
            {
                // Known now, without hashing: no need to wait for the import to say so.
                throw GlanceErrors.SizeMismatch(capped.BytesRead, size);
            }
            await flow.ChangeAsync(imageId, image => image.MarkStaged(leaseId, capped.BytesRead, clock.GetUtcNow()), cancellationToken);
        }
        catch (Exception e) when (e is not GlanceException { Kind: GlanceErrorKind.Gone })
        {
            await flow.ReturnToQueuedAsync(imageId, leaseId, e is GlanceException ? e.Message : StagingFailed);
            throw;
        }
    }

    /// <summary>
    /// POST /v2/images/{id}/import, up to the 202: request errors are 4xx before anything starts (in Glance's order);
    /// then the task is recorded pending, the image takes its lock (and, but for copy-image, moves to importing), and
    /// the job is queued for <see cref="ImageImportRunner"/>, as Glance hands its import flow to a task executor and
    /// answers at once. Null when there is nothing to do: copy-image with all_stores of an image every store holds.
    /// </summary>
    public async Task<ImageTask?> AcceptImportAsync(Caller caller, string imageId, ImportRequest request, string? requestId, CancellationToken cancellationToken = default)
    {
        imageId = ImageIds.Canonical(imageId);
        var image = await access.FindVisibleAsync(caller, imageId, cancellationToken);
        var copy = request.Method == ImportRequest.CopyImage;
        // An active image's lock is a copy-image's: nothing else takes a dead one over, so an expired one goes here.
        var expired = copy ? await ExpiredLockAsync(image, cancellationToken) : null;
        ReleaseExpired(image, expired);
        // Glance checks the image's state before the rule (modify_image: only the owner imports into an image; copy_image,
        // admin by default, copies anyone's).
        image.EnsureImportable(request.Method);
        var rule = copy ? ImagePolicyDefaults.CopyImage : ImagePolicyDefaults.ModifyImage;
        policy.Enforce(rule, caller, image);
        // Before anything starts, unlike Glance's import flow (which fails its task): the caller hears why at once,
        // and the staged data stays for a retry once the project has room.
        await quotas.EnsureCanImportAsync(image, request.Method, cancellationToken);
        var stores = ImportStores(image, request);
        if (copy && stores.Count == 0)
        {
            return null;
        }
        if (request.Method == ImportRequest.WebDownload)
        {
            await webDownloader.EnsureAllowedAsync(request.Uri!, cancellationToken);
        }
        request.Declared.EnsureVerifiable(options.HashingAlgorithm);
        var input = ImageTaskInput.For(request.Method, request.Uri) with
        {
            Stores = options.Stores.IsMultistore ? stores : null,
            AllStoresMustSucceed = request.AllStoresMustSucceed,
        };
        var task = ImageTask.Accept(imageId, input, caller, requestId, clock.GetUtcNow());
        await flow.ChangeAsync(imageId, i =>
        {
            // The preconditions again, on the copy that is saved: a stage may have been restarted meanwhile.
            ReleaseExpired(i, expired);
            i.EnsureImportable(request.Method);
            policy.Enforce(rule, caller, i);
            if (copy)
            {
                i.BeginCopy(task.Id, stores, clock.GetUtcNow());
                return;
            }
            policy.EnsureMutable(caller, i);
            var leaseId = request.Method == ImportRequest.GlanceDirect ? i.DataLeaseId! : Guid.NewGuid().ToString();
            // A web-download writes into the first store; staged bytes are where staging put them (the default store).
            i.BeginImport(task.Id, leaseId, clock.GetUtcNow(), request.Method == ImportRequest.WebDownload && stores.Count > 0 ? stores[0] : null,
                request.Declared);
            if (stores.Count > 0)
            {
                i.BeginImportingTo(stores);
            }
        }, cancellationToken, i => tasks.AcceptEvents(task, i));
        if (expired is { Task: { IsFinished: false } stale })
        {
            await tasks.FailAsync(stale, ExpiredLockPreempted);
        }
        // The image is importing now: a client that goes away must not stop the job from being recorded and queued.
        await tasks.SaveAsync(task, CancellationToken.None);
        // A failure here (the queue out of reach) is a 503 with the lock held by a pending task, as when Glance's
        // executor fails to begin: the stale-operation recovery takes that lock over once it is stale.
        await queue.EnqueueAsync(new ImportJob(imageId, task.Id, request.Uri), CancellationToken.None);
        return task;
    }

    /// <summary>
    /// Glance's lock expiry (its _enforce_import_lock): the lock of a task that no longer exists, or that has not
    /// changed for <see cref="ImportLockExpiry"/> (twice that while pending), may be taken; null while it is valid.
    /// </summary>
    private async Task<(string TaskId, ImageTask? Task)?> ExpiredLockAsync(Image image, CancellationToken cancellationToken)
    {
        if (image.Status != ImageStatus.Active || image.ImportTask is not { } held)
        {
            return null;
        }
        var task = await tasks.FindAsync(image.Id, held, cancellationToken);
        var expiry = task?.Status == ImageTask.Pending ? 2 * ImportLockExpiry : ImportLockExpiry;
        return task is null || clock.GetUtcNow() - task.UpdatedAt >= expiry ? (held, task) : null;
    }

    private static void ReleaseExpired(Image image, (string TaskId, ImageTask? Task)? expired)
    {
        if (expired is { } lapsed)
        {
            image.ReleaseExpiredImportLock(lapsed.TaskId, lapsed.Task?.Input.Stores ?? []);
        }
    }

    /// <summary>
    /// The stores the import goes to, with Glance's answers: those of the request (<see cref="ImageStoreCatalog.ForImport"/>);
    /// for copy-image with all_stores less those holding the image already, else 400 for one that does; 400 for
    /// all_stores_must_succeed=false without multistore.
    /// </summary>
    private IReadOnlyList<string> ImportStores(Image image, ImportRequest request)
    {
        var stores = options.Stores.ForImport(request);
        if (request.Method == ImportRequest.CopyImage)
        {
            if (request.AllStores)
            {
                stores = [.. stores.Except(image.Stores, StringComparer.Ordinal)];
            }
            else if (stores.FirstOrDefault(image.Stores.Contains) is { } present)
            {
                throw GlanceErrors.ImageAlreadyInStore(present);
            }
        }
        if (!request.AllStoresMustSucceed && !options.Stores.IsMultistore)
        {
            throw GlanceErrors.AllStoresMustSucceedNeedsMultistore();
        }
        if (request.Stores is { Count: 0 })
        {
            throw GlanceErrors.NoImportStores();
        }
        return stores;
    }
}
