using Azure;
using Glance.Domain.Ports;
using Glance.Integration.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Integration.Tests;

/// <summary>
/// Reading image bytes back from Azurite: whole blobs and ranges above the read-ahead chunk (4 MiB) come back exactly,
/// in order, from several ranged GETs in flight; a blob replaced or deleted while it is read fails the read instead of
/// mixing two versions or hanging.
/// </summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class BlobImageDataStoreReadTests(GlanceService service)
{
    private const int MiB = 1024 * 1024;

    private IImageDataStore Store => service.Trusted.App.Services.GetRequiredService<IImageDataStore>();

    [Theory]
    [InlineData(0, -1)]                        // whole blob, size learned from storage
    [InlineData(0, 21 * MiB + 7)]              // everything, length given
    [InlineData(3 * MiB + 5, 9 * MiB + 11)]    // a range starting and ending mid-chunk
    [InlineData(20 * MiB, MiB + 7)]            // the tail
    [InlineData(100, 4 * MiB)]                 // exactly one chunk
    [InlineData(100, 4 * MiB + 1)]             // one byte over a chunk
    public async Task OpenReadAsync_LargeBlob_ReturnsExactlyTheRequestedBytes(int offset, int lengthOrWhole)
    {
        long? length = lengthOrWhole < 0 ? null : lengthOrWhole;
        var bytes = RandomBytes(21 * MiB + 7);
        var imageId = await WriteSealedAsync(bytes);

        await using var stream = await Store.OpenReadAsync(imageId, offset, length);
        var read = await ReadAllInOddSizesAsync(stream);

        var expected = bytes.AsSpan((int)offset, (int)(length ?? bytes.Length - offset));
        Assert.Equal(expected.Length, read.Length);
        Assert.True(expected.SequenceEqual(read), "the bytes read differ from the blob's");
    }

    [Fact]
    public async Task OpenReadAsync_EmptyBlob_ReadsNothing()
    {
        var imageId = await WriteSealedAsync([]);

        await using var stream = await Store.OpenReadAsync(imageId);

        Assert.Empty(await ReadAllInOddSizesAsync(stream));
    }

    [Fact]
    public async Task OpenReadAsync_BlobReplacedWhileRead_FailsRatherThanMixingVersions()
    {
        var imageId = await WriteSealedAsync(RandomBytes(40 * MiB));

        await using var stream = await Store.OpenReadAsync(imageId);
        await stream.ReadExactlyAsync(new byte[MiB]);
        await Store.WriteAsync(imageId, LeaseId, new MemoryStream(RandomBytes(40 * MiB)));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(async () => await ReadAllInOddSizesAsync(stream));
        Assert.Equal(412, failure.Status);
    }

    [Fact]
    public async Task OpenReadAsync_BlobDeletedWhileRead_Fails()
    {
        var imageId = await WriteSealedAsync(RandomBytes(40 * MiB));

        await using var stream = await Store.OpenReadAsync(imageId);
        await stream.ReadExactlyAsync(new byte[MiB]);
        Assert.True(await Store.DeleteSealedAsync(imageId, LeaseId));

        await Assert.ThrowsAsync<RequestFailedException>(async () => await ReadAllInOddSizesAsync(stream));
    }

    [Fact]
    public async Task OpenReadAsync_MissingBlob_FailsAtOpen()
    {
        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => Store.OpenReadAsync(Guid.NewGuid().ToString()));
        Assert.Equal(404, failure.Status);
    }

    // Written the way PUT /file writes, sealed by a lease: the local host's blob trigger deletes unsealed blobs of
    // unknown images from this container.
    private static readonly string LeaseId = Guid.NewGuid().ToString();

    private async Task<string> WriteSealedAsync(byte[] bytes)
    {
        var imageId = Guid.NewGuid().ToString();
        await Store.CreateSealedAsync(imageId, LeaseId);
        await Store.WriteAsync(imageId, LeaseId, new MemoryStream(bytes));
        return imageId;
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static async Task<byte[]> ReadAllInOddSizesAsync(Stream stream)
    {
        using var all = new MemoryStream();
        var buffer = new byte[1_000_003];
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory(0, Random.Shared.Next(1, buffer.Length)))) > 0)
        {
            all.Write(buffer, 0, read);
        }
        return all.ToArray();
    }
}
