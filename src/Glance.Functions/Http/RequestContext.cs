using Glance.Domain.Identity;

namespace Glance.Functions.Http;

/// <summary>What every handler gets: the caller, the request id and the base URL clients see.</summary>
public sealed record RequestContext(Caller Caller, string RequestId, string BaseUrl)
{
    /// <summary>The request carries an Idempotency-Key: its answer is remembered.</summary>
    public bool IsIdempotent { get; init; }

    /// <summary>
    /// The token the work honours: the client's, except for a request with an Idempotency-Key, whose work runs to its
    /// end when the client goes away, so that its answer is remembered and a retry gets it instead of running again.
    /// </summary>
    public CancellationToken WorkToken(CancellationToken clientToken) => IsIdempotent ? CancellationToken.None : clientToken;
}
