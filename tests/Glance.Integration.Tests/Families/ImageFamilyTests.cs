using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Glance.Domain.Application;
using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Ports;
using Glance.Integration.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Integration.Tests.Families;

/// <summary>
/// Image families over the service's real storage: a family is listed and its latest found from its own copies, a
/// change of family moves them, and the latest of a family of 10,000 images costs as many reads as of a family of one.
/// </summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class ImageFamilyTests(GlanceService service) : IAsyncLifetime
{
    private readonly IndexQueryCounter _indexQueries = new();
    private ServiceProvider _app = null!;

    public Task InitializeAsync()
    {
        _app = InstrumentedApp.Build(service, _indexQueries);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    // A space and a letter outside ASCII: escaped in partition keys and URLs alike.
    private static string NewFamily() => "family " + Guid.NewGuid().ToString("N")[..8] + " é";

    private static async Task<string> ActiveImageAsync(HttpClient client, string family, string name)
    {
        var id = (await client.CreateImageAsync(
            $$"""{"name":"{{name}}","disk_format":"raw","container_format":"bare","os_family":"{{family}}"}""")).GetProperty("id").GetString()!;
        var bytes = new ByteArrayContent(new byte[4096]);
        bytes.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync($"/v2/images/{id}/file", bytes)).StatusCode);
        return id;
    }

    private static async Task<HttpResponseMessage> LatestAsync(HttpClient client, string family) =>
        await client.GetAsync($"/v2/families/{Uri.EscapeDataString(family)}/latest");

    private static async Task<string[]> ListedAsync(HttpClient client, string family) =>
        (await (await client.GetAsync($"/v2/images?os_family={Uri.EscapeDataString(family)}")).JsonAsync())
            .GetProperty("images").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToArray();

    [Fact]
    public async Task Latest_SkipsDeprecatedAndQueuedImages_AndFollowsAChangeOfFamily()
    {
        using var client = service.Client("family-owner");
        using var stranger = service.Client("family-stranger");
        var family = NewFamily();
        var older = await ActiveImageAsync(client, family, "older");
        var retired = await ActiveImageAsync(client, family, "retired");
        Assert.Equal(HttpStatusCode.OK,
            (await client.PatchJsonAsync($"/v2/images/{retired}", """[{"op":"add","path":"/os_deprecated","value":"true"}]""")).StatusCode);
        await client.CreateImageAsync($$"""{"name":"queued","os_family":"{{family}}"}""");

        var latest = await (await LatestAsync(client, family)).JsonAsync();
        var forStranger = await LatestAsync(stranger, family);

        Assert.Equal(older, latest.GetProperty("id").GetString());
        Assert.Equal(["queued", "retired", "older"], await ListedAsync(client, family));
        Assert.Equal(HttpStatusCode.NotFound, forStranger.StatusCode);
        Assert.Empty(await ListedAsync(stranger, family));

        Assert.Equal(HttpStatusCode.OK,
            (await client.PatchJsonAsync($"/v2/images/{older}", $$"""[{"op":"replace","path":"/os_family","value":"{{family}}-next"}]""")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await LatestAsync(client, family)).StatusCode);
        Assert.Equal(["queued", "retired"], await ListedAsync(client, family));
        Assert.Equal(older, (await (await LatestAsync(client, family + "-next")).JsonAsync()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task AnObsoleteImage_IsDownloadedByAnAdministratorOnly()
    {
        using var client = service.Client("family-obsolete");
        using var admin = service.Client("family-admins", "admin,member,reader");
        var id = await ActiveImageAsync(client, NewFamily(), "obsolete");
        var replacement = Guid.NewGuid().ToString();

        var wrong = await client.PatchJsonAsync($"/v2/images/{id}", """[{"op":"add","path":"/os_deprecated","value":"maybe"}]""");
        var deprecate = await client.PatchJsonAsync($"/v2/images/{id}", $$"""
            [{"op":"add","path":"/os_deprecated","value":"true"},{"op":"add","path":"/os_obsolete_at","value":"2026-01-01T00:00:00Z"},
             {"op":"add","path":"/os_replacement_image","value":"{{replacement}}"}]
            """);
        var byOwner = await client.GetAsync($"/v2/images/{id}/file");
        var byAdmin = await admin.GetAsync($"/v2/images/{id}/file");

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deprecate.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOwner.StatusCode);
        Assert.Contains($"use image {replacement} instead", await byOwner.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal(4096, (await byAdmin.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task Latest_OfAFamilyOfTenThousandImages_ReadsOneRangePerPartition()
    {
        var owner = new Caller("family-big", "u1", new HashSet<string> { "member", "reader" });
        var family = NewFamily();
        var images = _app.GetRequiredService<IImageRepository>();
        var newest = new Image(Guid.NewGuid().ToString(), DateTimeOffset.UtcNow) { Owner = owner.ProjectId, DiskFormat = "raw", ContainerFormat = "bare" };
        newest.SetProperty(ImageFamilies.Property, family);
        newest = Image.Restore(newest.ToSnapshot() with { Status = ImageStatus.Active, Size = 4096 });
        await images.AddAsync(newest, []);
        await AddOlderCopiesAsync(newest, 10_000);

        var before = _indexQueries.Count;
        var latest = await _app.GetRequiredService<ImageFamilyQueries>().LatestAsync(owner, family);
        var reads = _indexQueries.Count - before;

        Assert.Equal(newest.Id, latest.Id);
        // The caller's sources in the family: public, and the project's partition (its own and shared images).
        Assert.Equal(2, reads);
    }

    /// <summary>Copies of the image's family rows under older creation times, as if the family had that many older images.</summary>
    private async Task AddOlderCopiesAsync(Image image, int count)
    {
        var index = _app.GetRequiredService<TableServiceClient>().GetTableClient("imageindex");
        var escaped = Uri.EscapeDataString(ImageFamilies.Of(image)!);
        foreach (var partition in new[] { $"family:{escaped}|all", $"family:{escaped}|project:{Uri.EscapeDataString(image.Owner!)}" })
        {
            var template = Assert.Single(index.Query<TableEntity>(e => e.PartitionKey == partition));
            var suffix = template.RowKey.EndsWith("_o", StringComparison.Ordinal) ? "_o" : "";
            foreach (var chunk in Enumerable.Range(1, count).Chunk(100))
            {
                await index.SubmitTransactionAsync(chunk.Select(i =>
                {
                    var copy = new TableEntity(template) { ETag = default };
                    var createdAt = image.CreatedAt.AddSeconds(-i);
                    copy.RowKey = (DateTimeOffset.MaxValue.UtcTicks - createdAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "_" + Guid.NewGuid() + suffix;
                    return new TableTransactionAction(TableTransactionActionType.Add, copy);
                }));
            }
        }
    }

    /// <summary>Counts queries of the listing index (GETs of imageindex), the reads a list or a family's latest costs.</summary>
    private sealed class IndexQueryCounter : HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Method == RequestMethod.Get && message.Request.Uri.Path.Contains("/imageindex", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }
        }
    }
}
