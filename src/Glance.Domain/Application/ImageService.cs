using System.Runtime.CompilerServices;
using System.Text.Json;
using Glance.Domain.Errors;
using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Listing;
using Glance.Domain.Patching;
using Glance.Domain.Policy;
using Glance.Domain.Ports;

namespace Glance.Domain.Application;

/// <summary>
/// The image use cases. Each one calls policy, quotas and the repository explicitly and in a fixed order:
/// load, authorize, change in memory, check quotas, compare-and-set save.
/// </summary>
public sealed class ImageService(IImageRepository repository, IImageDataStore data, ImageServiceOptions options, TimeProvider clock)
{
    public async Task<Image> CreateAsync(Caller caller, JsonElement body, CancellationToken cancellationToken = default)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw GlanceException.BadRequest(body.ValueKind == JsonValueKind.Array
                ? "Provided object does not match schema 'image': the body is not of type 'object'"
                : "Unexpected body type. Expected list/dict.");
        }
        foreach (var property in body.EnumerateObject())
        {
            ImageAttributeWriter.EnsureWritableKey(property.Name, creating: true);
        }
        var id = body.TryGetProperty("id", out var idValue) ? ImageAttributeWriter.ImageId(idValue) : Guid.NewGuid().ToString();
        // Milliseconds survive every store's timestamp precision, so the creation order key read back is the one written.
        var now = clock.GetUtcNow();
        var image = new Image(id, now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond))) { Owner = caller.ProjectId };
        foreach (var property in body.EnumerateObject().Where(p => p.Name != "id"))
        {
            ImageAttributeWriter.Write(image, property.Name, property.Value);
        }
        ImagePolicy.EnsureCanCreate(caller, image.Owner);
        if (body.TryGetProperty("visibility", out _))
        {
            ImagePolicy.EnsureCanSetVisibility(caller, image.Visibility);
        }
        ImageQuotas.EnsureWithin(image, options);
        try
        {
            await repository.AddAsync(image, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            throw GlanceException.Conflict($"Image ID {id} already exists!");
        }
        return image;
    }

    public async Task<Image> GetAsync(Caller caller, string imageId, CancellationToken cancellationToken = default)
    {
        var image = await FindVisibleAsync(caller, imageId, cancellationToken);
        return image;
    }

    public async Task<Image> UpdateAsync(
        Caller caller, string imageId, IReadOnlyList<PatchOperation> operations, PatchMediaVersion version,
        CancellationToken cancellationToken = default)
    {
        // Patch operations are relative ("set name", "remove k"), so on a lost race we re-read and re-apply
        // them to the newer image: concurrent PATCHes of one image all land, none silently overwrites another.
        for (var attempt = 1; ; attempt++)
        {
            var image = await FindVisibleAsync(caller, imageId, cancellationToken);
            ImagePolicy.EnsureCanModify(caller, image, "modify");
            if (operations.Count == 0)
            {
                return image; // Glance saves nothing for an empty patch; updated_at stays.
            }
            ImagePatchApplier.Apply(caller, image, operations, version);
            ImageQuotas.EnsureWithin(image, options);
            image.Touch(clock.GetUtcNow());
            try
            {
                await repository.SaveAsync(image, cancellationToken);
                return image;
            }
            catch (ConcurrencyConflictException) when (attempt < options.UpdateAttempts)
            {
                // Jitter spreads out writers that collided, so one of them wins each round.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 4 * attempt)), clock, cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                throw GlanceException.Conflict($"Image {imageId} was changed by another request; retry the update.");
            }
        }
    }

    public async Task DeleteAsync(Caller caller, string imageId, CancellationToken cancellationToken = default)
    {
        var image = await repository.FindAsync(imageId, cancellationToken);
        if (image is null || image.IsDeleted || !ImagePolicy.CanSee(caller, image))
        {
            throw GlanceException.NotFound($"Failed to find image {imageId} to delete");
        }
        ImagePolicy.EnsureCanModify(caller, image, "delete");
        if (image.Protected)
        {
            throw GlanceException.Forbidden($"Image {imageId} is protected and cannot be deleted.");
        }
        image.MarkDeleted(clock.GetUtcNow());
        try
        {
            await repository.SaveAsync(image, cancellationToken);
            // After the record: a crash in between leaves bytes of a deleted image, never an image without bytes.
            await data.DeleteAsync(imageId, CancellationToken.None);
        }
        catch (ConcurrencyConflictException)
        {
            // Someone changed it meanwhile (maybe protected it, maybe deleted it): decide again on fresh state.
            await DeleteAsync(caller, imageId, cancellationToken);
        }
    }

    public async Task<ImagePage> ListAsync(Caller caller, ImageListQuery query, CancellationToken cancellationToken = default)
    {
        ImagePolicy.EnsureCanList(caller);
        Image? marker = null;
        if (query.Marker is not null)
        {
            marker = await repository.FindAsync(query.Marker, cancellationToken);
            if (marker is null || marker.IsDeleted || !ImagePolicy.CanSee(caller, marker))
            {
                throw GlanceException.BadRequest($"No image found with ID {query.Marker}");
            }
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
                    page.Add(image);
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
        var slice = all.Skip(start).Take(query.Limit).ToList();
        return new ImagePage(slice, HasMore: slice.Count == query.Limit && slice.Count > 0);
    }

    private async IAsyncEnumerable<Image> Matching(
        Caller caller, ImageListQuery query, Image? marker, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = query.IsDefaultOrder && marker is not null ? new ImageCursor(marker.CreatedAt, marker.Id) : null;
        await foreach (var image in repository.ScanNewestFirstAsync(after, cancellationToken))
        {
            if (image.Status is not (ImageStatus.Deleted or ImageStatus.Killed)
                && ImageListScope.Includes(caller, image, query.Filter.Visibility)
                && query.Filter.Matches(image))
            {
                yield return image;
            }
        }
    }

    private async Task<Image> FindVisibleAsync(Caller caller, string imageId, CancellationToken cancellationToken)
    {
        var image = await repository.FindAsync(imageId, cancellationToken) ?? throw GlanceException.ImageNotFound(imageId);
        ImagePolicy.EnsureVisible(caller, image);
        return image;
    }
}
