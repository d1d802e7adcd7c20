using Glance.Domain.Data;
using Glance.Domain.Errors;
using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Importing;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Glance.Domain.Quotas;
using Glance.Domain.Tasks;

namespace Glance.Domain.Application;

/// <summary>Glance's interoperable import: PUT /stage, then POST /import with glance-direct; or web-download.</summary>
public sealed class ImageImportService(
    ImageAccess access,
    ImagePolicy policy,
    IImageDataStore data,
    ImageTaskRecorder tasks,
    IWebDownloader webDownloader,
    ImageActivation activation,
    ProjectQuotas quotas,
    ImageDataOptions options,
    TimeProvider clock)
{
    public IReadOnlyList<string> EnabledMethods => options.EnabledImportMethods;

    /// <summary>
    /// PUT /v2/images/{id}/stage: queued → uploading, the bytes stored sealed until the import. Staging has no rule of
    /// its own in Glance; it checks modify_image.
    /// </summary>
    public async Task StageAsync(Caller caller, string imageId, Stream body, CancellationToken cancellationToken = default)
    {
        imageId = ImageIds.Canonical(imageId);
        if (!EnabledMethods.Contains(ImportRequest.GlanceDirect))
        {
            throw GlanceException.NotFound("The glance-direct import method is not enabled.");
        }
        var visible = await access.FindVisibleAsync(caller, imageId, cancellationToken);
        policy.Enforce(ImagePolicyDefaults.ModifyImage, caller, visible);
        await quotas.EnsureCanStageAsync(visible, cancellationToken);
        var leaseId = Guid.NewGuid().ToString();
        await activation.UpdateAsync(imageId, image =>
        {
            policy.Enforce(ImagePolicyDefaults.ModifyImage, caller, image);
            policy.EnsureMutable(caller, image);
            image.Stage(leaseId, clock.GetUtcNow());
        }, cancellationToken);
        try
        {
            await data.CreateSealedAsync(imageId, leaseId, cancellationToken);
            var capped = new SizeCappedReadStream(body, options.ImageSizeCap);
            await data.WriteAsync(imageId, leaseId, capped, cancellationToken);
            await activation.UpdateAsync(imageId, image => image.MarkStaged(leaseId, capped.BytesRead, clock.GetUtcNow()), cancellationToken);
        }
        catch (Exception e) when (e is not GlanceException { Kind: GlanceErrorKind.Gone })
        {
            await activation.FailAsync(imageId, leaseId, e is GlanceException ? e.Message : "Staging failed.", CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// POST /v2/images/{id}/import. Request errors are 4xx before anything starts; the import itself runs to its
    /// end before the 202 and records its outcome in a task, as Glance's asynchronous import does.
    /// </summary>
    public async Task ImportAsync(Caller caller, string imageId, ImportRequest request, string? requestId, CancellationToken cancellationToken = default)
    {
        imageId = ImageIds.Canonical(imageId);
        var image = await access.FindVisibleAsync(caller, imageId, cancellationToken);
        // Glance checks the image's state before the rule (modify_image: only the owner imports into an image).
        image.EnsureImportable(request.Method);
        policy.Enforce(ImagePolicyDefaults.ModifyImage, caller, image);
        // Before anything starts, unlike Glance's import flow (which fails its task): the import runs before the answer
        // here, so the caller hears why at once, and the staged data stays for a retry once the project has room.
        await quotas.EnsureCanImportAsync(image, request.Method, cancellationToken);
        if (request.Method == ImportRequest.WebDownload)
        {
            await webDownloader.EnsureAllowedAsync(request.Uri!, cancellationToken);
        }
        var task = ImageTask.Start(imageId, ImageTaskInput.For(request.Method, request.Uri), caller, requestId, clock.GetUtcNow());
        var leaseId = "";
        await activation.UpdateAsync(imageId, i =>
        {
            // The preconditions again, on the copy that is saved: a stage may have been restarted meanwhile.
            i.EnsureImportable(request.Method);
            policy.Enforce(ImagePolicyDefaults.ModifyImage, caller, i);
            policy.EnsureMutable(caller, i);
            leaseId = request.Method == ImportRequest.GlanceDirect ? i.DataLeaseId! : Guid.NewGuid().ToString();
            i.BeginImport(task.Id, leaseId, clock.GetUtcNow());
        }, cancellationToken, i => tasks.StartEvents(task, i));
        await tasks.SaveAsync(task, cancellationToken);
        await tasks.RunAsync(task, leaseId, () => request.Method == ImportRequest.WebDownload
            ? DownloadAsync(imageId, leaseId, request.Uri!, cancellationToken)
            : activation.ReadSealedAsync(imageId, cancellationToken), "The import failed; see the service logs.", cancellationToken);
    }

    private async Task<ImageDataFacts> DownloadAsync(string imageId, string leaseId, Uri uri, CancellationToken cancellationToken)
    {
        using var hasher = new ImageDataHasher(options.HashingAlgorithm, options.ImageSizeCap);
        await data.CreateSealedAsync(imageId, leaseId, cancellationToken);
        await using var source = await webDownloader.OpenAsync(uri, cancellationToken);
        await data.WriteAsync(imageId, leaseId, new HashingReadStream(source, hasher), cancellationToken);
        return hasher.Finish();
    }
}
