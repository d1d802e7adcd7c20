using Glance.Domain.Images;

namespace Glance.Domain.Tests.Images;

public sealed class ImageIdsTests
{
    [Theory]
    [InlineData("AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEE1", "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeee1")]
    [InlineData("AaAaAaAa-bBbB-4cCc-8DdD-eEeEeEeEeEe1", "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeee1")]
    [InlineData("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeee1", "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeee1")]
    public void Canonical_Uuid_IsLowerCase(string id, string expected)
    {
        Assert.Equal(expected, ImageIds.Canonical(id));
    }

    [Theory]
    [InlineData("NOT-A-UUID")]
    [InlineData("AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEE1X")]
    [InlineData("İ")]
    [InlineData("")]
    public void Canonical_NotAUuid_IsUnchanged(string id)
    {
        Assert.Same(id, ImageIds.Canonical(id));
    }
}
