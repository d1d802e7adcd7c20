using Glance.Domain.Identity;

namespace Glance.Functions.Http;

/// <summary>What every handler gets: the caller, the request id and the base URL clients see.</summary>
public sealed record RequestContext(Caller Caller, string RequestId, string BaseUrl);
