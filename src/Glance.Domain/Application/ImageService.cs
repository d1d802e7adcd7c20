using System.Runtime.CompilerServices;
using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Listing;
using Glance.Domain.Patching;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Glance.Domain.Quotas;

namespace Glance.Domain.Application;

/// <summary>
/// The image use cases. Each one calls policy, quotas and the repository explicitly and in a fixed order:
/// load, authorize, change in memory, check quotas, compare-and-set save. Images go back to the caller as it may
/// see them (<see cref="ImagePolicy.ViewFor"/>).
/// </summary>
public sealed class ImageService(
    IImageRepository repository, ImageAccess access, ImagePolicy policy, IImageDataStore data, IDataUrlIssuer urls, ImageServiceOptions options,
    ProjectQuotas quotas, ImageUpdater updater, TimeProvider clock)
{
    public async Task<Image> CreateAsync(Caller caller, CreateImage command, CancellationToken cancellationToken = default)
    {
        var attributes = command.Attributes;
        foreach (var (key, _) in attributes)
        {
            ImageAttributeWriter.EnsureWritableKey(key, creating: true);
        }
        // A repeated id counts once, the last, as a JSON object's lookup reads it.
        var id = attributes.LastOrDefault(a => a.Key == "id").Value is { } idValue ? ImageAttributeWriter.ImageId(idValue) : Guid.NewGuid().ToString();
        // Milliseconds survive every store's timestamp precision, so the creation order key read back is the one written.
        var now = clock.GetUtcNow();
        var image = new Image(id, now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond))) { Owner = caller.ProjectId };
        foreach (var (key, value) in attributes.Where(a => a.Key != "id"))
        {
            ImageAttributeWriter.Write(image, key, value);
        }
        policy.EnforceCreate(caller, image.Owner, attributes.Any(a => a.Key == "visibility") ? image.Visibility : null);
        foreach (var key in image.ExtraProperties.Keys)
        {
            policy.EnsurePropertyAllowed(caller, key, PropertyOperation.Create);
        }
        ImageQuotas.EnsureWithin(image, options);
        // Last, so that a request refused anyway costs no usage read.
        await quotas.EnsureCanCreateAsync(image.Owner, cancellationToken);
        try
        {
            await repository.AddAsync(image, [ImageEvents.Create(image, clock.GetUtcNow())], cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            throw GlanceErrors.ImageIdTaken(id);
        }
        return policy.ViewFor(caller, image);
    }

    public async Task<Image> GetAsync(Caller caller, string imageId, CancellationToken cancellationToken = default)
    {
        var image = await access.FindVisibleAsync(caller, imageId, cancellationToken);
        policy.Enforce(ImagePolicyDefaults.GetImage, caller, image);
        return policy.ViewFor(caller, image);
    }

    public async Task<Image> UpdateAsync(
        Caller caller, string imageId, IReadOnlyList<PatchOperation> operations, PatchMediaVersion version,
        CancellationToken cancellationToken = default)
    {
        if (operations.Count == 0)
        {
            // Glance saves nothing for an empty patch, and checks no rule either; updated_at stays.
            return policy.ViewFor(caller, await access.FindVisibleAsync(caller, imageId, cancellationToken));
        }
        // Patch operations are relative ("set name", "remove k"), so on a lost race they are re-applied to the
        // newer image: concurrent PATCHes of one image all land, none silently overwrites another. The applier
        // checks the rules operation by operation, as Glance does.
        var image = await ModifyAsync(caller, imageId, image => ImagePatchApplier.Apply(caller, image, operations, version, policy), cancellationToken);
        if (operations.Any(o => o.Property is "visibility" or "owner"))
        {
            // Who may see the image may have narrowed: download URLs issued under the old rule end now.
            await urls.RevokeDownloadUrlsAsync(imageId, cancellationToken);
        }
        return policy.ViewFor(caller, image);
    }

    /// <summary>PUT /v2/images/{id}/tags/{tag}: set semantics, so adding a present tag changes nothing but updated_at.</summary>
    public Task AddTagAsync(Caller caller, string imageId, string tag, CancellationToken cancellationToken = default)
    {
        ImageAttributeWriter.EnsureTagValid(tag);
        return ModifyAsync(caller, imageId, image =>
        {
            policy.Enforce(ImagePolicyDefaults.ModifyImage, caller, image);
            image.AddTag(tag);
        }, cancellationToken);
    }

    public Task RemoveTagAsync(Caller caller, string imageId, string tag, CancellationToken cancellationToken = default) =>
        ModifyAsync(caller, imageId, image =>
        {
            policy.Enforce(ImagePolicyDefaults.ModifyImage, caller, image);
            if (!image.RemoveTag(tag))
            {
                throw GlanceErrors.ResourceNotFound();
            }
        }, cancellationToken);

    /// <summary>POST /v2/images/{id}/actions/deactivate: active → deactivated; idempotent.</summary>
    public async Task DeactivateAsync(Caller caller, string imageId, CancellationToken cancellationToken = default)
    {
        await ModifyAsync(caller, imageId, image =>
        {
            policy.Enforce(ImagePolicyDefaults.Deactivate, caller, image);
            image.Deactivate(clock.GetUtcNow());
        }, cancellationToken);
        // Download is forbidden now; URLs issued before must stop too (a retried deactivate revokes again).
        await urls.RevokeDownloadUrlsAsync(imageId, cancellationToken);
    }

    /// <summary>POST /v2/images/{id}/actions/reactivate: deactivated → active; idempotent.</summary>
    public Task ReactivateAsync(Caller caller, string imageId, CancellationToken cancellationToken = default) =>
        ModifyAsync(caller, imageId, image =>
        {
            policy.Enforce(ImagePolicyDefaults.Reactivate, caller, image);
            image.Reactivate(clock.GetUtcNow());
        }, cancellationToken);

    /// <summary>
    /// Load, authorize and change (<paramref name="change"/> checks its own rules first), check quotas, compare-and-set;
    /// a lost race re-reads and re-applies the change. Whatever the rules allowed, only an admin or the owner saves,
    /// as Glance's database layer insists.
    /// </summary>
    private Task<Image> ModifyAsync(Caller caller, string imageId, Action<Image> change, CancellationToken cancellationToken)
    {
        imageId = ImageIds.Canonical(imageId);
        return updater.UpdateFromRecentAsync(async recentIsEnough =>
        {
            var image = (await access.FindVisibleWithMembersAsync(caller, imageId, toChange: recentIsEnough, cancellationToken)).Image;
            var wasDeprecated = ImageFamilies.IsDeprecated(image);
            change(image);
            policy.EnsureMutable(caller, image);
            ImageQuotas.EnsureWithin(image, options);
            var now = clock.GetUtcNow();
            image.Touch(now);
            await repository.SaveAsync(image, [ImageEvents.Update(image, now), .. LifecycleEvents(wasDeprecated, image, now)], cancellationToken);
            return image;
        }, () => GlanceErrors.ImageUpdateLostRace(imageId), cancellationToken);
    }

    private static IEnumerable<ImageEvent> LifecycleEvents(bool wasDeprecated, Image image, DateTimeOffset now) =>
        (wasDeprecated, ImageFamilies.IsDeprecated(image)) switch
        {
            (false, true) => [ImageEvents.Deprecate(image, now)],
            (true, false) => [ImageEvents.Undeprecate(image, now)],
            _ => [],
        };

    /// <summary>Decided on fresh state at each attempt: someone may have protected or deleted the image meanwhile.</summary>
    public async Task DeleteAsync(Caller caller, string imageId, CancellationToken cancellationToken = default)
    {
        imageId = ImageIds.Canonical(imageId);
        await updater.UpdateFromRecentAsync(async recentIsEnough =>
        {
            Image image;
            try
            {
                image = (await access.FindVisibleWithMembersAsync(caller, imageId, toChange: recentIsEnough, cancellationToken)).Image;
            }
            catch (GlanceException e) when (e.Kind == GlanceErrorKind.NotFound)
            {
                throw GlanceErrors.ImageToDeleteNotFound(imageId);
            }
            policy.Enforce(ImagePolicyDefaults.DeleteImage, caller, image);
            if (image.Protected)
            {
                throw GlanceErrors.ImageProtected(imageId);
            }
            policy.EnsureMutable(caller, image);
            var leaseId = image.DataLeaseId;
            image.MarkDeleted(clock.GetUtcNow(), options.DeletedRetention);
            await repository.SaveAsync(image, [ImageEvents.Delete(image, clock.GetUtcNow())], () => AfterDeleteAsync(image, leaseId), cancellationToken);
            return image;
        }, () => GlanceErrors.ImageDeleteLostRace(imageId), cancellationToken);
    }

    /// <summary>
    /// The bytes go after the record: a crash in between leaves bytes of a deleted image, never an image without bytes.
    /// Bytes kept for a restore stay sealed in place, out of every URL's reach: download URLs are revoked (their
    /// snapshots deleted) and the upload area, which upload URLs may write, is emptied.
    /// </summary>
    private Task AfterDeleteAsync(Image deleted, string? leaseId) =>
        deleted.RetainsData
            ? Task.WhenAll(urls.RevokeDownloadUrlsAsync(deleted.Id, CancellationToken.None), data.DeleteUploadAsync(deleted.Id, CancellationToken.None))
            : data.DeleteAsync(deleted.Id, leaseId, CancellationToken.None);

    public async Task<ImagePage> ListAsync(Caller caller, ImageListQuery query, CancellationToken cancellationToken = default)
    {
        policy.EnforceList(caller);
        Image? marker = null;
        if (query.Marker is not null)
        {
            var found = await repository.FindWithMembersAsync(ImageIds.Canonical(query.Marker), cancellationToken);
            // A marker is only a position: a live image as Glance finds one, or one of the deleted images listed.
            var listable = found is not null && (found.Image.IsDeleted
                ? query.Filter.ListsDeleted && policy.CanSeeDeleted(caller, found.Image)
                : policy.IsVisible(caller, found.Image, access.MembershipOf(caller, found)));
            if (!listable)
            {
                throw GlanceErrors.MarkerNotFound(query.Marker);
            }
            marker = found!.Image;
        }
        var matches = Matching(caller, query, marker, cancellationToken);
        var page = new List<Image>(Math.Min(query.Limit, 1024));
        if (query.IsDefaultOrder)
        {
            // Glance offers a next link whenever the page is full, even when nothing follows.
            if (query.Limit > 0)
            {
                await foreach (var image in matches)
                {
                    page.Add(policy.ViewFor(caller, image));
                    if (page.Count == query.Limit)
                    {
                        break;
                    }
                }
            }
            return new ImagePage(page, HasMore: page.Count == query.Limit && page.Count > 0);
        }
        // Any other order needs every match before the first can be known.
        var ordering = new ImageOrdering(query.Sort);
        var all = new List<Image>();
        await foreach (var image in matches)
        {
            all.Add(image);
        }
        all.Sort(ordering);
        var start = marker is null ? 0 : all.FindIndex(i => ordering.Compare(i, marker) > 0);
        if (start < 0)
        {
            return new ImagePage([], HasMore: false);
        }
        var slice = all.Skip(start).Take(query.Limit).Select(i => policy.ViewFor(caller, i)).ToList();
        return new ImagePage(slice, HasMore: slice.Count == query.Limit && slice.Count > 0);
    }

    private async IAsyncEnumerable<Image> Matching(
        Caller caller, ImageListQuery query, Image? marker, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = query.IsDefaultOrder && marker is not null ? new ImageCursor(marker.CreatedAt, marker.Id) : null;
        var isAdmin = policy.IsAdmin(caller);
        var listsDeleted = query.Filter.ListsDeleted;
        var sources = listsDeleted ? ListingScope.RetainedSourcesFor(caller, isAdmin) : ListingScope.SourcesFor(caller, isAdmin, query.Filter.Visibility);
        if (query.Filter.Family is { } family && !listsDeleted)
        {
            // Every image the filter can match is in the family's copy of each source: a range read of the family only.
            sources = sources.Select(s => s.InFamily(family)).ToList();
        }
        // A page's worth when the repository returns only matches; otherwise read more at a time, as most will be skipped.
        var pageSize = query.IsDefaultOrder && query.Filter.IsNarrowedCompletely ? Math.Clamp(query.Limit, 1, 1000) : 1000;
        var now = clock.GetUtcNow();
        await foreach (var (image, membership) in repository.ListNewestFirstAsync(sources, query.Filter.Narrowing, after, pageSize, cancellationToken))
        {
            // Deleted images are listed only when asked for, and only while they may still be restored.
            var listable = listsDeleted ? image.IsRestorable(now) && policy.CanSeeDeleted(caller, image) : !image.IsDeleted && image.Status != ImageStatus.Killed;
            if (!listable || !query.Filter.Matches(image))
            {
                continue;
            }
            // Glance drops images get_image refuses after paging; dropping them before keeps pages full.
            if (ImageListScope.Includes(caller, isAdmin, image, query.Filter.Visibility, query.Filter.MemberStatus, membership)
                && policy.CanGet(caller, image))
            {
                yield return image;
            }
        }
    }
}
