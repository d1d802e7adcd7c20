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
    public async Task<T> UpdateAsync<T>(Func<Task<T>> attempt, Func<GlanceException> conflict, CancellationToken cancellationToken)
    {
        for (var round = 1; ; round++)
        {
            try
            {
                return await attempt();
            }
            catch (ConcurrencyConflictException) when (round < options.UpdateAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 4 * round)), clock, cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                throw conflict();
            }
        }
    }
}
