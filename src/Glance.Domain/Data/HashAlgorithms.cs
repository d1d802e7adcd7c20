using System.Security.Cryptography;

namespace Glance.Domain.Data;

/// <summary>Glance's hashing_algorithm names (hashlib's) mapped to .NET's incremental hashes.</summary>
public static class HashAlgorithms
{
    private static readonly Dictionary<string, HashAlgorithmName> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sha512"] = HashAlgorithmName.SHA512,
        ["sha384"] = HashAlgorithmName.SHA384,
        ["sha256"] = HashAlgorithmName.SHA256,
        ["sha1"] = HashAlgorithmName.SHA1,
        ["md5"] = HashAlgorithmName.MD5,
        ["sha3_256"] = HashAlgorithmName.SHA3_256,
        ["sha3_384"] = HashAlgorithmName.SHA3_384,
        ["sha3_512"] = HashAlgorithmName.SHA3_512,
    };

    public static IEnumerable<string> Supported => Names.Keys;

    public static bool IsSupported(string name) =>
        Names.TryGetValue(name, out var algorithm) && (!algorithm.Name!.StartsWith("SHA3", StringComparison.Ordinal) || SHA3_256.IsSupported);

    /// <summary>How many hexadecimal digits a digest of the algorithm has.</summary>
    public static int HexLength(string name) =>
        Names.TryGetValue(name, out var algorithm)
            ? 2 * algorithm.Name switch
            {
                "MD5" => 16,
                "SHA1" => 20,
                "SHA256" or "SHA3_256" => 32,
                "SHA384" or "SHA3_384" => 48,
                _ => 64,
            }
            : throw new ArgumentException($"Unsupported hashing algorithm '{name}'.", nameof(name));

    public static IncrementalHash Create(string name) =>
        Names.TryGetValue(name, out var algorithm)
            ? IncrementalHash.CreateHash(algorithm)
            : throw new ArgumentException($"Unsupported hashing algorithm '{name}'.", nameof(name));
}
