using Glance.Domain.Errors;

namespace Glance.Domain.Data;

/// <summary>
/// Facts a client declared before sending bytes (upload-url's body, PUT /file's and PUT /stage's headers,
/// web-download's <c>validation_data</c>); validation rejects data that does not match them.
/// </summary>
public sealed record UploadExpectations(long? Size, string? Checksum, string? OsHashAlgo, string? OsHashValue)
{
    public static UploadExpectations None { get; } = new(null, null, null, null);

    public bool IsNone => this == None;

    /// <summary>
    /// Refuses, before a byte is sent, a multihash the service could never verify: one of another algorithm than the
    /// one it hashes with (Glance's hashing_algorithm), or of the wrong length for it.
    /// </summary>
    public void EnsureVerifiable(string hashingAlgorithm)
    {
        if (OsHashAlgo is { } algo && !string.Equals(algo, hashingAlgorithm, StringComparison.OrdinalIgnoreCase))
        {
            throw GlanceErrors.HashAlgorithmMismatch(algo, hashingAlgorithm);
        }
        if (OsHashValue is { } value && value.Length != HashAlgorithms.HexLength(hashingAlgorithm))
        {
            throw GlanceErrors.HashValueLengthWrong(hashingAlgorithm, HashAlgorithms.HexLength(hashingAlgorithm));
        }
    }
}
