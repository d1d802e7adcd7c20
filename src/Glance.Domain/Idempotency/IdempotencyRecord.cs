namespace Glance.Domain.Idempotency;

/// <summary>
/// What the service remembers of a request sent with an Idempotency-Key: in whose <paramref name="Scope"/> (a
/// project), what request it was (<paramref name="Fingerprint"/>), whether it is still running, and once it
/// succeeded, its answer to give again until <paramref name="ExpiresAt"/>.
/// </summary>
public sealed record IdempotencyRecord(
    string Scope, string Key, string Fingerprint, DateTimeOffset ClaimedAt, DateTimeOffset ExpiresAt, StoredAnswer? Answer)
{
    /// <summary>The largest answer remembered (below Table Storage's 64 KiB per property); a larger one frees its key.</summary>
    public const int MaxAnswerBytes = 60 * 1024;

    public bool IsComplete => Answer is not null;

    public static IdempotencyRecord Claim(string scope, string key, string fingerprint, DateTimeOffset now, TimeSpan lifetime) =>
        new(scope, key, fingerprint, now, now + lifetime, null);

    /// <summary>Whether a new request with this key may take the record over: it expired, or its request died before answering.</summary>
    public bool IsAbandoned(DateTimeOffset now, TimeSpan runningFor) =>
        now >= ExpiresAt || (!IsComplete && now - ClaimedAt >= runningFor);
}
