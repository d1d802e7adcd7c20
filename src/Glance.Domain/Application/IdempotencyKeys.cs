using Glance.Domain.Idempotency;
using Glance.Domain.Ports;

namespace Glance.Domain.Application;

/// <summary>
/// Idempotency-Key for the requests that create something (an image, an import, an upload URL, a membership): the first
/// request with a key runs; the same request again within the key's lifetime gets the first answer; the key with
/// another request is refused; a retry while the first still runs is told so. Only a success is remembered: a refused
/// request may be sent again and run. A request whose process died before answering holds its key until
/// <see cref="IdempotencyOptions.AbandonedAfter"/>, then the key may run again.
/// </summary>
public sealed class IdempotencyKeys(IIdempotencyStore store, IdempotencyOptions options, TimeProvider clock)
{
    private const int Attempts = 3;

    public async Task<IdempotencyDecision> BeginAsync(string scope, string key, string fingerprint, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var now = clock.GetUtcNow();
            var claim = IdempotencyRecord.Claim(scope, key, fingerprint, now, options.Lifetime);
            // A new key is the common case: one round trip claims it.
            if (await store.TryAddAsync(claim, cancellationToken) is { } added)
            {
                return new IdempotencyDecision.Run(added);
            }
            var existing = await store.FindAsync(scope, key, cancellationToken);
            if (existing is null)
            {
                continue;
            }
            var record = existing.Record;
            if (record.IsAbandoned(now, options.AbandonedAfter))
            {
                if (await store.TryReplaceAsync(claim, existing.Version, cancellationToken) is { } taken)
                {
                    return new IdempotencyDecision.Run(taken);
                }
                continue;
            }
            if (record.Fingerprint != fingerprint)
            {
                return new IdempotencyDecision.Mismatch();
            }
            return record.Answer is { } answer ? new IdempotencyDecision.Replay(answer) : new IdempotencyDecision.InProgress();
        }
        // Others claimed and released the key between each of our reads: it is in use right now.
        return new IdempotencyDecision.InProgress();
    }

    /// <summary>Remembers the answer of a request that succeeded. A claim taken over meanwhile keeps the newer request's.</summary>
    public Task CompleteAsync(IdempotencyClaim claim, StoredAnswer answer, CancellationToken cancellationToken = default) =>
        store.TryReplaceAsync(claim.Record with { Answer = answer }, claim.Version, cancellationToken);

    /// <summary>Frees the key of a request that did not succeed, so that it may be sent again.</summary>
    public Task ReleaseAsync(IdempotencyClaim claim, CancellationToken cancellationToken = default) =>
        store.DeleteAsync(claim.Record.Scope, claim.Record.Key, claim.Version, cancellationToken);

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default) => store.PurgeExpiredAsync(clock.GetUtcNow(), cancellationToken);
}
