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

/// <summary>
/// Glance's locations API (Images API 2.17), in our terms: a location is the URL of an image's copy in one of our
/// stores (<see cref="IImageLocations"/>), and only the service writes stores, so the only data a location can name is
/// another image's validated, sealed bytes. POST gives a queued image the data of such a copy (a clone: same bytes,
/// new record), by a server-side copy that <see cref="ImageImportRunner"/> runs as a <c>location_import</c> task; GET
/// lists an image's copies.
/// </summary>
public sealed class ImageLocationService(
    ImageAccess access,
    ImagePolicy policy,
    ImageDataService downloads,
    IImageLocations locations,
    ImageDataFlow flow,
    ImageTaskRecorder tasks,
    IImportQueue queue,
    ProjectQuotas quotas,
    ImageDataOptions options,
    ImageServiceOptions imageOptions,
    TimeProvider clock)
{
    /// <summary>True when locations name their store in their metadata (Glance with multistore).</summary>
    public bool IsMultistore => options.Stores.IsMultistore;

    /// <summary>
    /// POST /v2/images/{id}/locations, up to the 202, in this order: the image visible to the caller (404),
    /// add_image_location (403), the body (<paramref name="parse"/>, run only now: 400), the declared hashes verifiable
    /// (400), the image queued (409) with its formats set (400), the URL naming the copy of another image that is
    /// active, visible and downloadable to the caller and held in that store (one 400 for every way it does not), the
    /// quotas of an upload of that image's size. Then the image takes its import lock (queued → importing), the task
    /// is recorded pending and the job queued, as an import is.
    /// </summary>
    /// <remarks>
    /// No owner check beyond the rule: the rule lets a service (Nova, Cinder) add a location to its user's image, which
    /// is what the API is for.
    /// </remarks>
    public async Task<ImageTask> AddLocationAsync(
        Caller caller, string imageId, Func<LocationRequest> parse, string? requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parse);
        imageId = ImageIds.Canonical(imageId);
        var image = await access.FindVisibleAsync(caller, imageId, cancellationToken);
        policy.Enforce(ImagePolicyDefaults.AddImageLocation, caller, image);
        var request = parse();
        request.Declared.EnsureVerifiable(options.HashingAlgorithm);
        image.EnsureLocationAddable();
        var (source, location) = await SourceAsync(caller, imageId, request.Url, cancellationToken);
        ImageSizeCap.Ensure(source.Size ?? 0, options.ImageSizeCap);
        await quotas.EnsureCanUploadAsync(image, source.Size, cancellationToken);
        var task = ImageTask.AcceptLocation(imageId, ImageTaskInput.ForLocation(request.Url, request.Declared), caller, requestId, clock.GetUtcNow());
        var leaseId = Guid.NewGuid().ToString();
        await flow.ChangeAsync(imageId, i =>
        {
            // Again on the copy that is saved: another request may have begun an upload meanwhile.
            policy.Enforce(ImagePolicyDefaults.AddImageLocation, caller, i);
            i.EnsureLocationAddable();
            i.BeginImport(task.Id, leaseId, clock.GetUtcNow(), IsMultistore ? location.StoreId : null, request.Declared);
        }, cancellationToken, i => tasks.AcceptEvents(task, i));
        // The image is importing now: a client that goes away must not stop the job from being recorded and queued.
        await tasks.SaveAsync(task, CancellationToken.None);
        await queue.EnqueueAsync(new ImportJob(imageId, task.Id), CancellationToken.None);
        return task;
    }

    /// <summary>GET /v2/images/{id}/locations: the image visible to the caller (404), fetch_image_location (403), its copies.</summary>
    public async Task<IReadOnlyList<ImageLocation>> ListLocationsAsync(Caller caller, string imageId, CancellationToken cancellationToken = default)
    {
        imageId = ImageIds.Canonical(imageId);
        var image = await access.FindVisibleAsync(caller, imageId, cancellationToken);
        policy.Enforce(ImagePolicyDefaults.FetchImageLocation, caller, image);
        return LocationsOf(image);
    }

    /// <summary>
    /// The image's copies: one per store in its <c>stores</c>; an image that records none (without multistore, or from
    /// before stores were configured) has its copy in the default store once it is active (or deactivated); none
    /// before, and none once deleted.
    /// </summary>
    public IReadOnlyList<ImageLocation> LocationsOf(Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        // A deactivated image keeps its bytes (and, with stores, lists them): the same without stores.
        var hasBytes = !image.IsDeleted && (image.Stores.Count > 0 || image.Status is ImageStatus.Active or ImageStatus.Deactivated);
        return hasBytes ? [.. options.Stores.Holding(image).Select(store => new ImageLocation(store, image.Id))] : [];
    }

    /// <summary>Glance's show_multiple_locations: image representations carry <c>locations</c>.</summary>
    public bool ShowsLocations => imageOptions.ShowMultipleLocations;

    /// <summary>Glance's show_image_direct_url: image representations carry <c>direct_url</c>.</summary>
    public bool ShowsDirectUrl => imageOptions.ShowDirectUrl;

    /// <summary>
    /// What image representations show <paramref name="caller"/> of each image's locations: its copies when
    /// get_image_location allows, else none (Glance shows <c>[]</c> then); null when neither option is on.
    /// </summary>
    public Func<Image, IReadOnlyList<ImageLocation>>? ShownTo(Caller caller) =>
        !ShowsLocations && !ShowsDirectUrl ? null
        : image => policy.Check(ImagePolicyDefaults.GetImageLocation, caller, PolicyTarget.ForImage(image, caller)) ? LocationsOf(image) : [];

    /// <summary>The URL of a copy, as GET /locations shows it.</summary>
    public string UrlOf(ImageLocation location) => locations.UrlOf(location);

    /// <summary>
    /// The image the URL names a copy of, with the copy; one 400 for every way it names none the caller may take, so
    /// that the answer tells nothing of images the caller cannot see. The checks are GET /file's (download_image,
    /// deactivated and obsolete images).
    /// </summary>
    private async Task<(Image Source, ImageLocation Location)> SourceAsync(Caller caller, string targetId, string url, CancellationToken cancellationToken)
    {
        if (locations.Find(url) is not { } location || location.ImageId == targetId)
        {
            throw GlanceErrors.InvalidLocation();
        }
        Image? source;
        try
        {
            source = await downloads.GetDownloadableAsync(caller, location.ImageId, cancellationToken);
        }
        catch (GlanceException e) when (e.Kind is GlanceErrorKind.NotFound or GlanceErrorKind.NotAllowed)
        {
            throw GlanceErrors.InvalidLocation();
        }
        if (source is not { Status: ImageStatus.Active } || !options.Stores.Holding(source).Contains(location.StoreId))
        {
            throw GlanceErrors.InvalidLocation();
        }
        return (source, location);
    }
}
