using Glance.Domain.Errors;
using Glance.Domain.Ports;

namespace Glance.Domain.Application;

/// <summary>
/// The one compare-and-set loop for every change of an image or its members: an attempt reads, decides on what it
/// read and commits only if nothing changed since (else <see cref="ConcurrencyConflictException"/>); a lost race
/// reads and decides again, so relative changes ("set name", "add member") all land and none silently overwrites
/// another. Jitter spreads out writers that collided, so one of them wins each round; after
/// <see cref="ImageServiceOptions.UpdateAttempts"/> lost rounds the caller's conflict error is thrown.
/// </summary>
public sealed class ImageUpdater(ImageServiceOptions options, TimeProvider clock)
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

    private async Task<T> RunAsync<T>(Func<bool, Task<T>> attempt, bool recentFirst, Func<GlanceException> conflict, CancellationToken cancellationToken)
    {
        var recent = recentFirst;
        for (var round = 1; ; round++)
        {
            try
            {
                return await attempt(recent);
            }
            catch (GlanceException) when (recent)
            {
            }
            catch (ConcurrencyConflictException) when (recent && round < options.UpdateAttempts)
            {
                // Not a collision with another writer: the state was old. Read it, at once.
            }
            catch (ConcurrencyConflictException) when (round < options.UpdateAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 4 * round)), clock, cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                throw conflict();
            }
            recent = false;
        }
    }
}
