using System.Net;
using System.Security.Cryptography;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests.Restore;

/// <summary>With no retention window (the default, the shared hosts'), a delete is Glance's: the bytes go, nothing comes back.</summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class RetentionOffTests(GlanceService service)
{
    [Fact]
    public async Task Delete_RetentionOff_BytesGoAndTheImageCannotBeRestoredOrListed()
    {
        using var client = service.Client("retention-off-" + Guid.NewGuid().ToString("N")[..6]);
        var id = await RestoreApiTests.ActiveImageAsync(client, RandomNumberGenerator.GetBytes(1000));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v2/images/{id}")).StatusCode);

        Assert.False(await service.ImageBlob(id).ExistsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await RestoreApiTests.RestoreAsync(client, id)).StatusCode);
        var deleted = await (await client.GetAsync("/v2/images?status=deleted")).JsonAsync();
        Assert.Empty(deleted.GetProperty("images").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v2/images/{id}")).StatusCode);
    }
}
