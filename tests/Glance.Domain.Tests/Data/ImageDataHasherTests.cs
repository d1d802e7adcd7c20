using System.Security.Cryptography;
using Glance.Domain.Data;
using Glance.Domain.Errors;
using Glance.FormatInspection;

namespace Glance.Domain.Tests.Data;

public sealed class ImageDataHasherTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(300_000)]
    [InlineData(9 * 1024 * 1024 + 3)]
    public async Task ConsumeAsync_AnySize_GivesTheSameDigestsAsOneShotHashing(int size)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        using var hasher = new ImageDataHasher("sha512", long.MaxValue);

        var facts = await hasher.ConsumeAsync(new MemoryStream(bytes));

        Assert.Equal(size, facts.Size);
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(bytes)), facts.Checksum);
        Assert.Equal("sha512", facts.OsHashAlgo);
        Assert.Equal(Convert.ToHexStringLower(SHA512.HashData(bytes)), facts.OsHashValue);
        Assert.Equal(ImageFormat.Raw, facts.Inspection.Format);
    }

    [Fact]
    public void HashingReadStream_ReadInOddChunks_HashesEveryByteOnce()
    {
        var bytes = RandomNumberGenerator.GetBytes(1_000_003);
        using var hasher = new ImageDataHasher("sha256", long.MaxValue);
        using var stream = new HashingReadStream(new MemoryStream(bytes), hasher);
        var buffer = new byte[7919];

        while (stream.Read(buffer, 0, buffer.Length) > 0)
        {
        }

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), hasher.Finish().OsHashValue);
    }

    [Fact]
    public async Task ConsumeAsync_PastTheSizeCap_IsRequestEntityTooLarge()
    {
        using var hasher = new ImageDataHasher("sha512", 1000);

        var error = await Assert.ThrowsAsync<GlanceException>(() => hasher.ConsumeAsync(new MemoryStream(new byte[1001])));

        Assert.Equal(GlanceErrorKind.LimitExceeded, error.Kind);
    }

    [Theory]
    [InlineData("sha512", true)]
    [InlineData("SHA256", true)]
    [InlineData("md5", true)]
    [InlineData("whirlpool", false)]
    public void IsSupported_HashlibNames_AreRecognised(string name, bool supported)
    {
        Assert.Equal(supported, HashAlgorithms.IsSupported(name));
    }
}
