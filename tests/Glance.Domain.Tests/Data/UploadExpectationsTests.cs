using Glance.Domain.Data;
using Glance.Domain.Errors;

namespace Glance.Domain.Tests.Data;

/// <summary>A declared multihash the service could never verify is refused when it is declared, not after the bytes.</summary>
public sealed class UploadExpectationsTests
{
    private static readonly string Sha512Digits = new('a', 128);

    [Theory]
    [InlineData(null, null)]
    [InlineData("sha512", null)]
    [InlineData("SHA512", "a")]
    [InlineData(null, "a")]
    public void EnsureVerifiable_TheServicesAlgorithmAndItsDigestLength_Pass(string? algo, string? value)
    {
        var declared = new UploadExpectations(10, new string('b', 32), algo, value is null ? null : Sha512Digits);

        declared.EnsureVerifiable("sha512");
    }

    [Fact]
    public void EnsureVerifiable_AnotherAlgorithm_IsRefusedNamingBoth()
    {
        var e = Assert.Throws<GlanceException>(() => new UploadExpectations(null, null, "sha256", new string('a', 64)).EnsureVerifiable("sha512"));

        Assert.Equal(GlanceErrorKind.Invalid, e.Kind);
        Assert.Equal("os_hash_algo sha256 is not the service's hashing algorithm sha512.", e.Message);
    }

    [Theory]
    [InlineData("sha512", 64)]
    [InlineData("sha256", 128)]
    [InlineData("md5", 40)]
    public void EnsureVerifiable_ADigestOfAnotherLength_IsRefused(string serviceAlgorithm, int digits)
    {
        var e = Assert.Throws<GlanceException>(() => new UploadExpectations(null, null, null, new string('a', digits)).EnsureVerifiable(serviceAlgorithm));

        Assert.Equal(GlanceErrorKind.Invalid, e.Kind);
        Assert.Equal($"os_hash_value must be {HashAlgorithms.HexLength(serviceAlgorithm)} hexadecimal digits for {serviceAlgorithm}, the service's hashing algorithm.", e.Message);
    }

    [Theory]
    [InlineData("md5", 32)]
    [InlineData("sha1", 40)]
    [InlineData("sha256", 64)]
    [InlineData("sha384", 96)]
    [InlineData("sha512", 128)]
    public void HexLength_IsTwiceTheDigestBytes(string algorithm, int digits)
    {
        using var hash = HashAlgorithms.Create(algorithm);

        Assert.Equal(digits, HashAlgorithms.HexLength(algorithm));
        Assert.Equal(digits, 2 * hash.GetHashAndReset().Length);
    }
}
