namespace Glance.Domain.Data;

/// <summary>Facts a client declared before sending bytes; validation rejects data that does not match them.</summary>
public sealed record UploadExpectations(long? Size, string? Checksum, string? OsHashAlgo, string? OsHashValue)
{
    public static UploadExpectations None { get; } = new(null, null, null, null);
}
