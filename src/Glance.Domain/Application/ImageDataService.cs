using Glance.Domain.Data;
using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Glance.Domain.Quotas;
using Glance.Domain.Tasks;

namespace Glance.Domain.Application;

/// <summary>
/// Image bytes in and out: PUT /file, upload URLs and the validation of what was uploaded through them, downloads.
/// </summary>
public sealed class ImageDataService(
    ImageAccess access,
    ImagePolicy policy,
    IImageRepository images,
    IImageDataStore data,
    IDataUrlIssuer urls,
    IImageTaskRepository taskRecords,
    ImageTaskRecorder tasks,
    ImageDataFlow flow,
    ProjectQuotas quotas,
    ImageDataOptions options,
    TimeProvider clock)
{
    public const string UploadFailed = "The upload failed.";

    public const string UnexpectedValidationFailure = "The uploaded data could not be validated; upload it again.";

    /// <summary>
    /// PUT /v2/images/{id}/file: queued → saving → active, bytes hashed and inspected on their way to storage, into
    /// the store <paramref name="store"/> names (X-Image-Meta-Store; the default store when null). The bytes must match
    /// what the client <paramref name="declared"/> (its headers: x-openstack-image-size and the hashes).
    /// </summary>
    public async Task<Image> UploadAsync(
        Caller caller, string imageId, Stream body, UploadExpectations? declared, string? store = null, CancellationToken cancellationToken = default)
    {
        imageId = ImageIds.Canonical(imageId);
        declared ??= UploadExpectations.None;
        var target = options.Stores.ForUpload(store);
        declared.EnsureVerifiable(options.HashingAlgorithm);
        var declaredSize = declared.Size;
        ImageSizeCap.Ensure(declaredSize ?? 0, options.ImageSizeCap);
        var visible = await access.FindVisibleAsync(caller, imageId, cancellationToken);
        policy.Enforce(ImagePolicyDefaults.UploadImage, caller, visible);
        await quotas.EnsureCanUploadAsync(visible, declaredSize, cancellationToken);
        var leaseId = Guid.NewGuid().ToString();
        await flow.ChangeAsync(imageId, image =>
        {
            // Again on the copy that is saved, with the database layer's owner check.
            policy.Enforce(ImagePolicyDefaults.UploadImage, caller, image);
            policy.EnsureMutable(caller, image);
            image.BeginSaving(leaseId, clock.GetUtcNow(), target, declared);
        }, cancellationToken, i => [ImageEvents.Prepare(i, clock.GetUtcNow())]);
        try
        {
            var facts = await flow.WriteAndHashAsync(imageId, target, leaseId, body, cancellationToken);
            if (declaredSize is { } size && size != facts.Size)
            {
                throw GlanceErrors.SizeMismatchesHeader(facts.Size, size);
            }
            return await flow.ActivateAsync(imageId, facts, cancellationToken);
        }
        catch (Exception e) when (e is not GlanceException { Kind: GlanceErrorKind.Gone })
        {
            await flow.ReturnToQueuedAsync(imageId, leaseId, e is GlanceException ? e.Message : UploadFailed);
            throw;
        }
    }

    /// <summary>
    /// POST /v2/images/{id}/upload-url: a create+write SAS URL for the image's blob; queued → uploading. Another way
    /// to upload, so upload_image decides. The validated bytes go to the store <paramref name="store"/> names (the
    /// default when null); the URL points into the one upload area whatever the store.
    /// </summary>
    public async Task<(Uri Url, DateTimeOffset ExpiresAt)> IssueUploadUrlAsync(
        Caller caller, string imageId, UploadExpectations expectations, string? store = null, CancellationToken cancellationToken = default)
    {
        imageId = ImageIds.Canonical(imageId);
        var target = options.Stores.ForUpload(store);
        expectations.EnsureVerifiable(options.HashingAlgorithm);
        ImageSizeCap.Ensure(expectations.Size ?? 0, options.ImageSizeCap);
        var visible = await access.FindVisibleAsync(caller, imageId, cancellationToken);
        policy.Enforce(ImagePolicyDefaults.UploadImage, caller, visible);
        await quotas.EnsureCanUploadAsync(visible, expectations.Size, cancellationToken);
        await flow.ChangeAsync(imageId, image =>
        {
            policy.Enforce(ImagePolicyDefaults.UploadImage, caller, image);
            policy.EnsureMutable(caller, image);
            image.AwaitDirectUpload(expectations, clock.GetUtcNow(), target);
        }, cancellationToken);
        var expiresAt = clock.GetUtcNow() + options.UploadUrlLifetime;
        return (await urls.IssueUploadUrlAsync(imageId, expiresAt, cancellationToken), expiresAt);
    }

    /// <summary>
    /// Runs when a blob appears in the upload area for an image (Event Grid in Azure, polling locally), and from the
    /// stale-operation recovery for an upload nobody validated. Idempotent and safe under duplicate and concurrent
    /// delivery: the move to importing decides who validates; everyone else does nothing. The upload is frozen in a
    /// snapshot, checked before a byte is read, copied into the image's own blob and hashed there, so what was hashed
    /// is what is served, whatever the URL holder does meanwhile. True when this call validated the bytes.
    /// </summary>
    public async Task<bool> ValidateUploadAsync(string imageId, CancellationToken cancellationToken = default)
    {
        var image = await images.FindAsync(imageId, cancellationToken);
        if (image is null || image.IsDeleted || image.Status is ImageStatus.Queued or ImageStatus.Active or ImageStatus.Deactivated or ImageStatus.Killed)
        {
            // A blob nobody expects: written through a URL after a failure, after activation, or for a deleted image.
            await data.DeleteUploadAsync(imageId, cancellationToken);
            return false;
        }
        if (image.DataLeaseId is not { } leaseId || !AwaitsValidation(image, leaseId))
        {
            return false; // Being validated by another delivery, or bytes the service itself is writing.
        }

        // Seal the upload: what is judged is a snapshot the URL holder can no longer change.
        if (await data.FreezeUploadAsync(imageId, cancellationToken) is not { } upload)
        {
            return false; // Nothing uploaded yet.
        }

        // Begin the import: of concurrent deliveries, only the one whose move to importing lands goes on.
        var task = ImageTask.Start(imageId, ImageTaskInput.For(ImageTask.UploadUrlMethod), Caller.WithoutRoles(image.Owner), null, clock.GetUtcNow());
        try
        {
            await flow.ChangeAsync(imageId, i =>
            {
                if (!AwaitsValidation(i, leaseId))
                {
                    throw GlanceErrors.UploadBeingValidated();
                }
                i.BeginImport(task.Id, leaseId, clock.GetUtcNow());
            }, cancellationToken, i => tasks.StartEvents(task, i));
        }
        catch (GlanceException e) when (e.Kind is GlanceErrorKind.Conflict or GlanceErrorKind.Gone)
        {
            return false;
        }
        await tasks.SaveAsync(task, cancellationToken);

        // Read and hash the promoted copy, activate or fail, record the task.
        await flow.ActivateOrFailAsync(task, leaseId, () => PromoteAndReadAsync(image, upload, leaseId, cancellationToken),
            UnexpectedValidationFailure, cancellationToken);

        // Judged either way (a refusal cleared it already): the upload area is done with. A failure that escapes
        // the step above (storage out of reach) leaves the upload for the takeover, which may not have the copy yet.
        await data.DeleteUploadAsync(imageId, CancellationToken.None);
        return true;
    }

    /// <summary>
    /// A validation taken over after its process died: the upload area still holds the bytes unless the copy into
    /// the image's blob was made, so the upload is frozen and copied again, or the copy is read.
    /// </summary>
    public async Task<ImageDataFacts> RevalidateUploadAsync(Image image, string leaseId, CancellationToken cancellationToken)
    {
        var upload = await data.FreezeUploadAsync(image.Id, cancellationToken);
        var facts = upload is null
            ? await flow.ReadAndHashAsync(image.Id, image.DataStore, cancellationToken)
            : await PromoteAndReadAsync(image, upload, leaseId, cancellationToken);
        // The served copy holds the bytes now; a failure before this point leaves the upload for the next takeover.
        await data.DeleteUploadAsync(image.Id, CancellationToken.None);
        return facts;
    }

    private static bool AwaitsValidation(Image image, string leaseId) =>
        image.Status == ImageStatus.Uploading && image.AwaitsDirectUpload && image.DataLeaseId == leaseId;

    /// <summary>Refuses what cannot be an image before a byte is read, then copies it into place and hashes the copy.</summary>
    private async Task<ImageDataFacts> PromoteAndReadAsync(Image image, UploadedBlob upload, string leaseId, CancellationToken cancellationToken)
    {
        if (!upload.IsBlockBlob)
        {
            throw GlanceErrors.UploadNotBlockBlob();
        }
        ImageSizeCap.Ensure(upload.Length, options.ImageSizeCap);
        if (image.Expectations.Size is { } declared && declared != upload.Length)
        {
            throw GlanceErrors.SizeMismatch(upload.Length, declared);
        }
        await quotas.EnsureDataFitsAsync(image, upload.Length, cancellationToken);
        await flow.StoreOf(image.DataStore).PromoteUploadAsync(image.Id, upload, leaseId, cancellationToken);
        return await flow.ReadAndHashAsync(image.Id, image.DataStore, cancellationToken);
    }

    /// <summary>The image whose bytes a GET /file serves, or null for 204 (no data yet).</summary>
    public async Task<Image?> GetDownloadableAsync(Caller caller, string imageId, CancellationToken cancellationToken = default)
    {
        imageId = ImageIds.Canonical(imageId);
        var image = await access.FindVisibleAsync(caller, imageId, cancellationToken);
        // Glance refuses a deactivated image before it checks download_image.
        if (image.Status == ImageStatus.Deactivated && !policy.IsAdmin(caller))
        {
            throw GlanceErrors.ImageDeactivated();
        }
        policy.Enforce(ImagePolicyDefaults.DownloadImage, caller, image);
        // An obsolete image boots nothing new: its data is an administrator's only.
        if (ImageFamilies.ObsoleteAt(image) is { } obsoleteAt && obsoleteAt <= clock.GetUtcNow() && !policy.IsAdmin(caller))
        {
            throw GlanceErrors.ImageObsolete(image.Id, obsoleteAt, ImageFamilies.Replacement(image));
        }
        // Admins may still download a deactivated image, as in Glance.
        return image.Status is ImageStatus.Active or ImageStatus.Deactivated && image.Size is not null ? image : null;
    }

    /// <summary>POST /v2/images/{id}/download-url: a read-only SAS URL for an active image's bytes; download_image decides.</summary>
    public async Task<(Uri Url, DateTimeOffset ExpiresAt)> IssueDownloadUrlAsync(Caller caller, string imageId, CancellationToken cancellationToken = default)
    {
        imageId = ImageIds.Canonical(imageId);
        var image = await GetDownloadableAsync(caller, imageId, cancellationToken)
            ?? throw GlanceErrors.NoDataToDownload(imageId);
        var expiresAt = clock.GetUtcNow() + options.DownloadUrlLifetime;
        var url = image.Stores.Count > 0
            ? await urls.IssueDownloadUrlAsync(image.Id, image.Stores, expiresAt, cancellationToken)
            : await urls.IssueDownloadUrlAsync(image.Id, expiresAt, cancellationToken);
        // A revocation that ran between the check above and the issue would miss this URL: check again now that it
        // exists, and revoke it if access ended meanwhile (a revocation after this check deletes it anyway).
        try
        {
            _ = await GetDownloadableAsync(caller, imageId, cancellationToken) ?? throw GlanceErrors.NoDataToDownload(imageId);
        }
        catch (GlanceException)
        {
            await urls.RevokeDownloadUrlsAsync(imageId, CancellationToken.None);
            throw;
        }
        await images.AppendEventsAsync(image.Id, [ImageEvents.Send(image, null, caller.ProjectId, caller.UserId, clock.GetUtcNow())], cancellationToken);
        return (url, expiresAt);
    }

    /// <summary>Reports a download the service served (image.send), at ERROR priority when it stopped short.</summary>
    public async Task RecordDownloadAsync(Caller caller, Image image, long bytesSent, long bytesExpected)
    {
        try
        {
            await images.AppendEventsAsync(image.Id,
                [ImageEvents.Send(image, bytesSent, caller.ProjectId, caller.UserId, clock.GetUtcNow(), complete: bytesSent == bytesExpected)],
                CancellationToken.None);
        }
        catch (ConcurrencyConflictException)
        {
            // The bytes went out; losing the race to report it must not fail the download. Best effort, as Glance's notifier.
        }
    }


    public Task<Stream> OpenReadAsync(string imageId, long offset, long? length, CancellationToken cancellationToken = default) =>
        data.OpenReadAsync(ImageIds.Canonical(imageId), offset, length, cancellationToken);

    /// <summary>The image's bytes from the first store holding them that can serve them (a store that lost them is passed over).</summary>
    public Task<Stream> OpenReadAsync(Image image, long offset, long? length, CancellationToken cancellationToken = default) =>
        image.Stores.Count > 0
            ? data.OpenReadAsync(image.Id, image.Stores, offset, length, cancellationToken)
            : data.OpenReadAsync(image.Id, offset, length, cancellationToken);

    /// <summary>
    /// DELETE /v2/stores/{store_id}/{image_id} (2.10): one store's copy goes, in Glance's order of answers: 404 without
    /// multistore, 409 for a store not configured, 404 for an image the caller cannot see, get_image_location and
    /// delete_image_location (403), then the image's own refusals (<see cref="Image.RemoveStore"/>). The copy is deleted
    /// once the image no longer names its store.
    /// </summary>
    public async Task DeleteFromStoreAsync(Caller caller, string storeId, string imageId, CancellationToken cancellationToken = default)
    {
        if (!options.Stores.IsMultistore)
        {
            throw GlanceErrors.ResourceNotFound();
        }
        if (!options.Stores.Contains(storeId))
        {
            throw GlanceErrors.StoreNotAvailable(storeId);
        }
        imageId = ImageIds.Canonical(imageId);
        Image visible;
        try
        {
            visible = await access.FindVisibleAsync(caller, imageId, cancellationToken);
        }
        catch (GlanceException e) when (e.Kind == GlanceErrorKind.NotFound)
        {
            throw GlanceErrors.ImageToDeleteFromStoreNotFound(imageId);
        }
        policy.Enforce(ImagePolicyDefaults.GetImageLocation, caller, visible);
        policy.Enforce(ImagePolicyDefaults.DeleteImageLocation, caller, visible);
        await flow.ChangeAsync(imageId, image => image.RemoveStore(storeId, clock.GetUtcNow()), cancellationToken);
        await data.DeleteCopyAsync(imageId, storeId, CancellationToken.None);
    }

    /// <summary>
    /// GET /v2/images/{id}/tasks: whoever may get_image (any refusal is 404), then only the tasks the caller may see,
    /// as Glance's tasks_get_by_image filters them (<see cref="ImagePolicy.IsTaskVisible"/>). Inputs are redacted
    /// again, for tasks recorded before they were redacted when stored.
    /// </summary>
    public async Task<IReadOnlyList<ImageTask>> ListTasksAsync(Caller caller, string imageId, CancellationToken cancellationToken = default)
    {
        imageId = ImageIds.Canonical(imageId);
        try
        {
            policy.Enforce(ImagePolicyDefaults.GetImage, caller, await access.FindVisibleAsync(caller, imageId, cancellationToken));
        }
        catch (GlanceException e) when (e.Kind == GlanceErrorKind.NotFound)
        {
            throw GlanceErrors.ResourceNotFound();
        }
        var all = await taskRecords.ListAsync(imageId, clock.GetUtcNow(), cancellationToken);
        return all.Where(t => policy.IsTaskVisible(caller, t)).Select(t => t with { Input = t.Input.Redacted() }).ToList();
    }
}
