using Glance.Domain.Data;
using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Images;
using Glance.Domain.Ports;

namespace Glance.Domain.Application;

/// <summary>
/// The last step of every data path: given the facts of sealed bytes, activate the image or put it back to
/// queued with its bytes deleted, re-reading on lost races. Every path ends here, so every path is judged by the
/// same rules and fails the same way.
/// </summary>
public sealed class ImageActivation(IImageRepository images, IImageDataStore data, ImageDataOptions options, TimeProvider clock)
{
    /// <summary>Activates the image from the facts, or throws Glance's 4xx after restoring it to queued.</summary>
    public async Task<Image> ActivateAsync(string imageId, ImageDataFacts facts, CancellationToken cancellationToken)
    {
        var image = await ReloadLiveAsync(imageId, cancellationToken);
        long? virtualSize;
        try
        {
            virtualSize = ImageDataRules.Evaluate(image, facts, image.Expectations, options);
        }
        catch (GlanceException e)
        {
            await FailAsync(imageId, e.Message, cancellationToken);
            throw;
        }
        return await UpdateAsync(imageId, i => i.Activate(facts, virtualSize, clock.GetUtcNow()), cancellationToken,
            i => [ImageEvents.Upload(i, clock.GetUtcNow()), ImageEvents.Activate(i, clock.GetUtcNow())]);
    }

    /// <summary>One pass over bytes already sealed in storage (an upload through a URL, staged data).</summary>
    public async Task<ImageDataFacts> ReadSealedAsync(string imageId, CancellationToken cancellationToken)
    {
        using var hasher = new ImageDataHasher(options.HashingAlgorithm, options.ImageSizeCap);
        await using var stream = await data.OpenReadAsync(imageId, cancellationToken: cancellationToken);
        return await hasher.ConsumeAsync(stream, cancellationToken);
    }

    /// <summary>Deletes the bytes and restores the image to queued (if it still exists and is mid-upload).</summary>
    public async Task FailAsync(string imageId, string reason, CancellationToken cancellationToken)
    {
        await data.DeleteAsync(imageId, CancellationToken.None);
        try
        {
            await UpdateAsync(imageId, i =>
            {
                if (i.Status is ImageStatus.Saving or ImageStatus.Uploading or ImageStatus.Importing)
                {
                    i.ReturnToQueued(clock.GetUtcNow());
                }
            }, CancellationToken.None, i => [ImageEvents.UploadFailed(i.Id, reason, clock.GetUtcNow())]);
        }
        catch (GlanceException e) when (e.Kind == GlanceErrorKind.Gone)
        {
        }
    }

    /// <summary>
    /// Read-modify-write with compare-and-set, re-reading on a lost race; 410 when the image was deleted meanwhile.
    /// Every save reports image.update, plus the events <paramref name="events"/> adds, in the same transaction.
    /// </summary>
    public async Task<Image> UpdateAsync(
        string imageId, Action<Image> change, CancellationToken cancellationToken, Func<Image, IReadOnlyList<ImageEvent>>? events = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var image = await ReloadLiveAsync(imageId, cancellationToken);
            change(image);
            try
            {
                await images.SaveAsync(image, [ImageEvents.Update(image, clock.GetUtcNow()), .. events?.Invoke(image) ?? []], cancellationToken);
                return image;
            }
            catch (ConcurrencyConflictException) when (attempt < 16)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 4 * attempt)), clock, cancellationToken);
            }
        }
    }

    private async Task<Image> ReloadLiveAsync(string imageId, CancellationToken cancellationToken)
    {
        var image = await images.FindAsync(imageId, cancellationToken);
        if (image is null || image.IsDeleted)
        {
            // The image went away while its bytes were moving: leave nothing behind.
            await data.DeleteAsync(imageId, CancellationToken.None);
            throw new GlanceException(GlanceErrorKind.Gone, $"Image {imageId} was deleted during the upload.");
        }
        return image;
    }
}
