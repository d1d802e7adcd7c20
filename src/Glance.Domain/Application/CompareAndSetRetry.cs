using Glance.Domain.Errors;
using Glance.Domain.Ports;

namespace Glance.Domain.Application;

/// <summary>
/// How every change that lost a compare-and-set is decided again, images and metadef namespaces alike: at once when it
/// had decided on this process's recollection of the state (<c>attempt(true)</c>; any failure of that attempt says
/// nothing of the current state), after a short random pause when it collided with another writer, so that one of
/// them wins each round; after <paramref name="attempts"/> lost rounds, the caller's conflict error.
/// </summary>
internal static class CompareAndSetRetry
{
    public static async Task<T> RunAsync<T>(
        Func<bool, Task<T>> attempt, bool recentFirst, int attempts, TimeProvider clock, Func<GlanceException> conflict,
        CancellationToken cancellationToken)
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
            catch (ConcurrencyConflictException) when (recent && round < attempts)
            {
                // Not a collision with another writer: the state was old. Read it, at once.
            }
            catch (ConcurrencyConflictException) when (round < attempts)
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
