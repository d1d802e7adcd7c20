namespace Glance.Domain.Images;

/// <summary>Every stored fact of an image, for repositories to persist and restore.</summary>
public sealed record ImageSnapshot(
    string Id,
    string? Name,
    ImageStatus Status,
    string Visibility,
    bool Protected,
    bool OsHidden,
    string? Owner,
    int MinDisk,
    int MinRam,
    string? DiskFormat,
    string? ContainerFormat,
    long? Size,
    long? VirtualSize,
    string? Checksum,
    string? OsHashAlgo,
    string? OsHashValue,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DeletedAt,
    IReadOnlyList<string> Tags,
    IReadOnlyList<KeyValuePair<string, string>> ExtraProperties,
    string? DataLeaseId = null,
    bool AwaitsDirectUpload = false,
    Data.UploadExpectations? Expectations = null,
    bool DataStaged = false);
