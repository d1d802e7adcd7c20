using Glance.Domain.Idempotency;

namespace Glance.Domain.Ports;

/// <summary>Idempotency records, changed only by compare-and-set on their version.</summary>
public interface IIdempotencyStore
{
    /// <summary>The record of the key in the scope, with its version; null when there is none.</summary>
    Task<IdempotencyClaim?> FindAsync(string scope, string key, CancellationToken cancellationToken = default);

    /// <summary>Writes a record for a key that has none; null when one exists already.</summary>
    Task<IdempotencyClaim?> TryAddAsync(IdempotencyRecord record, CancellationToken cancellationToken = default);

    /// <summary>Replaces the record if it is still at <paramref name="version"/>; null when it changed.</summary>
    Task<IdempotencyClaim?> TryReplaceAsync(IdempotencyRecord record, string version, CancellationToken cancellationToken = default);

    /// <summary>Deletes the record if it is still at <paramref name="version"/>.</summary>
    Task DeleteAsync(string scope, string key, string version, CancellationToken cancellationToken = default);

    /// <summary>Deletes the records that expired before <paramref name="now"/>; returns how many.</summary>
    Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
