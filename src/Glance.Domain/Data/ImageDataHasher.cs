using System.Security.Cryptography;
using Glance.FormatInspection;

namespace Glance.Domain.Data;

/// <summary>
/// Everything learned from an image's bytes in one pass: size, MD5 (Glance's checksum), the multihash and the
/// format inspection. Each chunk is given to the two hashes and the inspector in parallel (each is sequential
/// on its own, and MD5 and SHA-512 each run at about one core's speed), and the size cap is enforced as bytes
/// arrive, so an oversized upload stops at the cap.
/// </summary>
public sealed class ImageDataHasher : IDisposable
{
    // Below this, the cost of starting parallel work is more than the work.
    private const int ParallelThreshold = 256 * 1024;

    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private readonly IncrementalHash _multihash;
    private readonly ImageFormatInspector _inspector = new();
    private readonly string _algorithm;
    private readonly long _sizeCap;
    private ImageDataFacts? _facts;

    public ImageDataHasher(string hashingAlgorithm, long sizeCap)
    {
        _algorithm = hashingAlgorithm.ToLowerInvariant();
        _multihash = HashAlgorithms.Create(_algorithm);
        _sizeCap = sizeCap;
    }

    public long BytesSeen { get; private set; }

    public void Append(ReadOnlyMemory<byte> chunk)
    {
        if (_facts is not null)
        {
            throw new InvalidOperationException("The hasher has finished.");
        }
        BytesSeen += chunk.Length;
        ImageSizeCap.Ensure(BytesSeen, _sizeCap);
        if (chunk.Length < ParallelThreshold)
        {
            _md5.AppendData(chunk.Span);
            _multihash.AppendData(chunk.Span);
            _inspector.Feed(chunk.Span);
            return;
        }
        Parallel.Invoke(
            () => _md5.AppendData(chunk.Span),
            () => _multihash.AppendData(chunk.Span),
            () => _inspector.Feed(chunk.Span));
    }

    public ImageDataFacts Finish() => _facts ??= new ImageDataFacts(
        BytesSeen,
        Convert.ToHexStringLower(_md5.GetHashAndReset()),
        _algorithm,
        Convert.ToHexStringLower(_multihash.GetHashAndReset()),
        _inspector.Finish());

    /// <summary>
    /// Reads a whole stream through the hasher with reading and hashing overlapped: while one buffer is being
    /// hashed, the next is being read.
    /// </summary>
    public async Task<ImageDataFacts> ConsumeAsync(Stream source, CancellationToken cancellationToken = default)
    {
        const int bufferSize = 4 * 1024 * 1024;
        var buffers = new[] { new byte[bufferSize], new byte[bufferSize] };
        var current = 0;
        var read = await FillAsync(source, buffers[current], cancellationToken);
        while (read > 0)
        {
            var filled = buffers[current];
            var length = read;
            current ^= 1;
            var nextRead = FillAsync(source, buffers[current], cancellationToken);
            Append(filled.AsMemory(0, length));
            read = await nextRead;
        }
        return Finish();
    }

    private static async Task<int> FillAsync(Stream source, byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await source.ReadAsync(buffer.AsMemory(total), cancellationToken);
            if (read == 0)
            {
                break;
            }
            total += read;
        }
        return total;
    }

    public void Dispose()
    {
        _md5.Dispose();
        _multihash.Dispose();
    }
}
