using Glance.Domain.Application;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Glance.Functions.Functions;

/// <summary>Every hour, forgets the Idempotency-Keys whose lifetime has passed, so that their table holds a day of requests.</summary>
public sealed class IdempotencyKeyPurgeFunctions(IdempotencyKeys keys, ILogger<IdempotencyKeyPurgeFunctions> logger)
{
    [Function(nameof(PurgeExpiredIdempotencyKeys))]
    public async Task PurgeExpiredIdempotencyKeys([TimerTrigger("0 43 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var purged = await keys.PurgeExpiredAsync(cancellationToken);
        if (purged > 0)
        {
            logger.LogInformation("Forgot {Count} expired idempotency keys", purged);
        }
    }
}
