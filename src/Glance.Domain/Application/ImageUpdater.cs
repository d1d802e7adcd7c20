using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Images;
using Glance.Domain.Ports;

namespace Glance.Domain.Application;

/// <summary>
/// Every change of an image or its members: an attempt reads, decides on what it read and commits only if nothing
/// changed since (else <see cref="ConcurrencyConflictException"/>); a lost race reads and decides again
/// (<see cref="CompareAndSetRetry"/>), so relative changes ("set name", "add member") all land and none silently
/// overwrites another.
/// </summary>
public sealed class ImageUpdater(IImageRepository images, ImageServiceOptions options, TimeProvider clock)
{
    /// <summary>
    /// As <see cref="UpdateAsync{T}"/>, but the first attempt may decide on the state this process last saw of the image
    /// (<c>attempt(true)</c>: <see cref="Ports.IImageRepository.FindToChangeAsync"/>), which saves the read when nobody
    /// else changed it; its commit refuses it otherwise. Since a refusal decided on an old state says nothing of the
    /// current one either, any failure of that attempt is decided again at once on a fresh read (<c>attempt(false)</c>).
    /// </summary>
    public Task<T> UpdateFromRecentAsync<T>(Func<bool, Task<T>> attempt, Func<GlanceException> conflict, CancellationToken cancellationToken) =>
        RunAsync(attempt, recentFirst: true, conflict, cancellationToken);

    public Task<T> UpdateAsync<T>(Func<Task<T>> attempt, Func<GlanceException> conflict, CancellationToken cancellationToken) =>
        RunAsync(_ => attempt(), recentFirst: false, conflict, cancellationToken);

    /// <summary>
    /// A change of the image apart from any caller (the steps of a data operation): read it as it is now, let
    /// <paramref name="change"/> decide, and save it with image.update plus what <paramref name="events"/> adds, in
    /// one transaction; 410 when the image was deleted meanwhile.
    /// </summary>
    public Task<Image> UpdateImageAsync(
        string imageId, Action<Image> change, CancellationToken cancellationToken, Func<Image, IReadOnlyList<ImageEvent>>? events = null) =>
        UpdateImageCoreAsync(imageId, image =>
        {
            change(image);
            return ValueTask.FromResult(true);
        }, events, cancellationToken);

    /// <summary>As above; <paramref name="change"/> returns false when there is nothing to save.</summary>
    public Task<Image> UpdateImageAsync(
        string imageId, Func<Image, bool> change, CancellationToken cancellationToken, Func<Image, IReadOnlyList<ImageEvent>>? events = null) =>
        UpdateImageCoreAsync(imageId, image => ValueTask.FromResult(change(image)), events, cancellationToken);

    /// <summary>As above, for a change that must read something else before it decides (a quota).</summary>
    public Task<Image> UpdateImageAsync(
        string imageId, Func<Image, Task> change, CancellationToken cancellationToken, Func<Image, IReadOnlyList<ImageEvent>>? events = null) =>
        UpdateImageCoreAsync(imageId, async image =>
        {
            await change(image);
            return true;
        }, events, cancellationToken);

    private Task<Image> UpdateImageCoreAsync(
        string imageId, Func<Image, ValueTask<bool>> change, Func<Image, IReadOnlyList<ImageEvent>>? events, CancellationToken cancellationToken) =>
        UpdateAsync(async () =>
        {
            var image = await images.FindAsync(imageId, cancellationToken);
            if (image is null || image.IsDeleted)
            {
                throw GlanceErrors.ImageDeletedDuringUpload(imageId);
            }
            if (await change(image))
            {
                await images.SaveAsync(image, [ImageEvents.Update(image, clock.GetUtcNow()), .. events?.Invoke(image) ?? []], cancellationToken);
            }
            return image;
        }, () => GlanceErrors.ImageKeptChanging(imageId), cancellationToken);

    private Task<T> RunAsync<T>(Func<bool, Task<T>> attempt, bool recentFirst, Func<GlanceException> conflict, CancellationToken cancellationToken) =>
        CompareAndSetRetry.RunAsync(attempt, recentFirst, options.UpdateAttempts, clock, conflict, cancellationToken);
}
