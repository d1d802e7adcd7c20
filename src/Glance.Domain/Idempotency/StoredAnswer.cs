namespace Glance.Domain.Idempotency;

/// <summary>A successful answer as it was sent (status, the headers that describe it, body), to be sent again unchanged.</summary>
public sealed record StoredAnswer(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body);
