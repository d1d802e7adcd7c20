namespace Glance.Domain.Idempotency;

/// <summary>What to do with a request that carries an Idempotency-Key.</summary>
public abstract record IdempotencyDecision
{
    private IdempotencyDecision()
    {
    }

    /// <summary>The first request with this key (or one taking over an abandoned one): run it, then complete or release the claim.</summary>
    public sealed record Run(IdempotencyClaim Claim) : IdempotencyDecision;

    /// <summary>The same request succeeded before: its answer again.</summary>
    public sealed record Replay(StoredAnswer Answer) : IdempotencyDecision;

    /// <summary>The same request is running now.</summary>
    public sealed record InProgress : IdempotencyDecision;

    /// <summary>The key was used for another request.</summary>
    public sealed record Mismatch : IdempotencyDecision;
}

/// <summary>A claimed key: the record written and the storage version it has, for the compare-and-set that completes it.</summary>
public sealed record IdempotencyClaim(IdempotencyRecord Record, string Version);
