using Azure.Data.Tables;
using Glance.Domain.Images;
using Glance.Domain.Ports;
using Glance.Integration.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Integration.Tests;

/// <summary>The Table Storage adapter against Azurite: compare-and-set saves and index repair after a crash.</summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class TableImageRepositoryTests(GlanceService service)
{
    private IImageRepository Repository => service.Trusted.App.Services.GetRequiredService<IImageRepository>();

    private TableServiceClient Tables => service.Trusted.App.Services.GetRequiredService<TableServiceClient>();

    [Fact]
    public async Task SaveAsync_StaleCopy_ThrowsConcurrencyConflictAndKeepsTheNewerWrite()
    {
        var image = new Image(Guid.NewGuid().ToString(), DateTimeOffset.UtcNow) { Owner = "cas" };
        await Repository.AddAsync(image, []);
        var first = (await Repository.FindAsync(image.Id))!;
        var second = (await Repository.FindAsync(image.Id))!;
        first.Name = "first";
        await Repository.SaveAsync(first, []);

        second.Name = "second";
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Repository.SaveAsync(second, []));

        Assert.Equal("first", (await Repository.FindAsync(image.Id))!.Name);
    }

    [Fact]
    public async Task AddAsync_ExistingId_ThrowsConcurrencyConflictAndLeavesNoExtraIndexRow()
    {
        var id = Guid.NewGuid().ToString();
        await Repository.AddAsync(new Image(id, DateTimeOffset.UtcNow), []);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Repository.AddAsync(new Image(id, DateTimeOffset.UtcNow.AddSeconds(1)), []));

        var index = Tables.GetTableClient("imageindex");
        var rows = index.QueryAsync<TableEntity>(e => e.PartitionKey == "created");
        var count = 0;
        await foreach (var row in rows)
        {
            count += row.RowKey.EndsWith(id, StringComparison.Ordinal) ? 1 : 0;
        }
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task Scan_IndexRowOfDeletedImage_IsSkippedAndRemoved()
    {
        // A crash after the image was marked deleted but before its index row was removed.
        var image = new Image(Guid.NewGuid().ToString(), DateTimeOffset.UtcNow.AddYears(5)) { Owner = "crash" };
        await Repository.AddAsync(image, []);
        var stored = (await Repository.FindAsync(image.Id))!;
        stored.MarkDeleted(DateTimeOffset.UtcNow);
        await Tables.GetTableClient("images").UpdateEntityAsync(
            new TableEntity(image.Id, "image") { ["Status"] = "deleted" }, Azure.ETag.All, TableUpdateMode.Merge);

        var scanned = await FirstAsync(Repository.ScanNewestFirstAsync(null), 10);

        Assert.DoesNotContain(scanned, i => i.Id == image.Id);
        var index = Tables.GetTableClient("imageindex");
        var row = await index.GetEntityIfExistsAsync<TableEntity>("created", IndexRowKey(image));
        Assert.False(row.HasValue);
    }

    [Fact]
    public async Task Scan_IndexRowWithoutImage_IsSkippedWhileYoungAndKept()
    {
        // A crash between the index insert and the image insert; the create may also still be in flight.
        var image = new Image(Guid.NewGuid().ToString(), DateTimeOffset.UtcNow.AddYears(6));
        var index = Tables.GetTableClient("imageindex");
        await index.AddEntityAsync(new TableEntity("created", IndexRowKey(image)));

        var scanned = await FirstAsync(Repository.ScanNewestFirstAsync(null), 10);

        Assert.DoesNotContain(scanned, i => i.Id == image.Id);
        Assert.True((await index.GetEntityIfExistsAsync<TableEntity>("created", IndexRowKey(image))).HasValue);
        await index.DeleteEntityAsync("created", IndexRowKey(image));
    }

    [Fact]
    public async Task Image_WithManyLongPropertiesAndTags_RoundTripsThroughChunkedColumns()
    {
        var image = new Image(Guid.NewGuid().ToString(), DateTimeOffset.UtcNow);
        for (var i = 0; i < 128; i++)
        {
            image.ExtraProperties[$"key-{i}-" + new string('k', 200)] = new string((char)('a' + i % 26), 1000);
            image.Tags.Add($"tag-{i}-" + new string('t', 240));
        }

        await Repository.AddAsync(image, []);
        var read = (await Repository.FindAsync(image.Id))!;

        Assert.Equal(image.ExtraProperties.ToList(), read.ExtraProperties.ToList());
        Assert.Equal(image.Tags, read.Tags);
    }

    private static string IndexRowKey(Image image) =>
        (DateTimeOffset.MaxValue.UtcTicks - image.CreatedAt.UtcTicks).ToString("D19") + "_" + image.Id;

    private static async Task<List<Image>> FirstAsync(IAsyncEnumerable<Image> images, int count)
    {
        var result = new List<Image>();
        await foreach (var image in images)
        {
            result.Add(image);
            if (result.Count == count)
            {
                break;
            }
        }
        return result;
    }
}
