using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Glance.Domain.Events;
using Glance.Domain.Ports;
using Glance.Integration.Tests.Infrastructure;
using Glance.Storage.Events;
using Glance.Storage.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Glance.Integration.Tests;

/// <summary>Lifecycle notifications through the transactional outbox to a real HTTP listener speaking Event Grid's protocol.</summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class EventTests(GlanceService service)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Lifecycle_EveryChange_ArrivesAsCloudEventsInCommitOrderWithGlancePayloads()
    {
        using var client = service.Client("events");
        var image = await client.CreateImageAsync("""{"name":"ev","disk_format":"raw","container_format":"bare","k":"v"}""");
        var id = image.GetProperty("id").GetString()!;
        await client.PatchJsonAsync($"/v2/images/{id}", """[{"op":"replace","path":"/name","value":"ev2"}]""");
        var content = new ByteArrayContent([1, 2, 3]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync($"/v2/images/{id}/file", content)).StatusCode);
        await (await client.GetAsync($"/v2/images/{id}/file")).Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync($"/v2/images/{id}/members", """{"member":"friend"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v2/images/{id}")).StatusCode);

        string[] expected = ["image.create", "image.update", "image.update", "image.prepare", "image.update", "image.upload", "image.activate",
            "image.send", "image.member.create", "image.delete"];
        var events = (await service.Events.WaitForAsync(all => all.Count(e => e.GetProperty("subject").GetString() == $"/images/{id}") >= expected.Length, Patience))
            .Where(e => e.GetProperty("subject").GetString() == $"/images/{id}").ToList();

        Assert.Equal(expected, events.DistinctBy(e => e.GetProperty("id").GetString()).Select(e => e.GetProperty("type").GetString()));
        Assert.All(events, e =>
        {
            Assert.Equal("1.0", e.GetProperty("specversion").GetString());
            Assert.Equal("/glance/tests", e.GetProperty("source").GetString());
            Assert.True(Guid.TryParse(e.GetProperty("id").GetString(), out _));
            Assert.DoesNotContain("blob.core", e.GetRawText());
            Assert.DoesNotContain("sig=", e.GetRawText());
        });
        var created = events[0].GetProperty("data");
        foreach (var key in new[] { "id", "name", "status", "created_at", "updated_at", "min_disk", "min_ram", "protected", "checksum", "owner",
            "disk_format", "container_format", "size", "virtual_size", "is_public", "visibility", "properties", "tags", "deleted", "deleted_at" })
        {
            Assert.True(created.TryGetProperty(key, out _), $"image.create payload lacks {key}");
        }
        Assert.Equal("v", created.GetProperty("properties").GetProperty("k").GetString());
        Assert.False(created.TryGetProperty("locations", out _));
        Assert.Equal("active", events[6].GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(3, events[7].GetProperty("data").GetProperty("bytes_sent").GetInt64());
        Assert.Equal("friend", events[8].GetProperty("data").GetProperty("member_id").GetString());
        Assert.True(events[9].GetProperty("data").GetProperty("deleted").GetBoolean());
        var delivery = service.Events.Deliveries.First(d => d.Body.EnumerateArray().Any(e => e.GetProperty("subject").GetString() == $"/images/{id}"));
        Assert.StartsWith("application/cloudevents-batch+json", delivery.ContentType);
        Assert.Equal("local-webhook", delivery.Key);
    }

    [Fact]
    public async Task SentEvents_AreRemovedFromTheOutbox_AndNotSentTwice()
    {
        using var client = service.Client("events-removed");
        var id = (await client.CreateImageAsync("""{"name":"removed"}""")).GetProperty("id").GetString()!;
        await client.PatchJsonAsync($"/v2/images/{id}", """[{"op":"add","path":"/k","value":"v"}]""");
        await service.Events.WaitForAsync(all => all.Count(e => e.GetProperty("subject").GetString() == $"/images/{id}") >= 2, Patience);

        var images = service.Trusted.App.Services.GetRequiredService<Azure.Data.Tables.TableServiceClient>().GetTableClient("images");
        var filter = Azure.Data.Tables.TableClient.CreateQueryFilter(
            $"PartitionKey eq {id} and RowKey ge {EventRows.Prefix} and RowKey lt {EventRows.End}");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        int left;
        do
        {
            await Task.Delay(100);
            left = 0;
            await foreach (var _ in images.QueryAsync<Azure.Data.Tables.TableEntity>(filter, select: ["RowKey"]))
            {
                left++;
            }
        }
        while (left > 0 && DateTime.UtcNow < deadline);

        Assert.Equal(0, left);
        // Each was sent once: a sent row that waits for its removal is not sent again by the publisher that sent it.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(2, service.Events.Events.Count(e => e.GetProperty("subject").GetString() == $"/images/{id}"));
    }

    [Fact]
    public async Task ReceiverFailing_EventsAreRetriedWithTheirIdsAndNoneIsLost()
    {
        using var client = service.Client("events-fail");
        service.Events.FailNext(3);
        var id = (await client.CreateImageAsync("""{"name":"retry"}""")).GetProperty("id").GetString()!;
        for (var i = 0; i < 3; i++)
        {
            await client.PatchJsonAsync($"/v2/images/{id}", $$"""[{"op":"add","path":"/p{{i}}","value":"x"}]""");
        }

        var events = (await service.Events.WaitForAsync(all => all.Count(e => e.GetProperty("subject").GetString() == $"/images/{id}") >= 4, Patience))
            .Where(e => e.GetProperty("subject").GetString() == $"/images/{id}").ToList();

        Assert.Equal(["image.create", "image.update", "image.update", "image.update"], events.Select(e => e.GetProperty("type").GetString()).Take(4));
        var updates = events.Where(e => e.GetProperty("type").GetString() == "image.update").Select(e => e.GetProperty("data").GetProperty("properties"));
        Assert.Equal(["p0", "p0,p1", "p0,p1,p2"], updates.Select(p => string.Join(",", p.EnumerateObject().Select(x => x.Name))).Distinct());
    }

    [Fact]
    public async Task ProcessDiesBetweenCommitAndPublish_TheSweeperPublishesTheEvent()
    {
        // A repository whose outbox nobody reads: the commit happens, the fast path never runs, as if the process died.
        var tables = service.Trusted.App.Services.GetRequiredService<Azure.Data.Tables.TableServiceClient>();
        var orphanedOutbox = new EventOutbox();
        var repository = new TableImageRepository(tables, orphanedOutbox, service.Trusted.App.Services.GetRequiredService<Glance.Storage.Tables.ListingIndex>(),
            new Glance.Storage.Tables.RecentPartitions(service.Trusted.App.Services.GetRequiredService<IOptions<Glance.Storage.StorageOptions>>()),
            service.Trusted.App.Services.GetRequiredService<IOptions<Glance.Storage.StorageOptions>>(), Options.Create(new EventOptions()), TimeProvider.System);
        var image = new Glance.Domain.Images.Image(Guid.NewGuid().ToString(), DateTimeOffset.UtcNow) { Owner = "crash" };
        var created = ImageEvents.Create(image, DateTimeOffset.UtcNow);

        await repository.AddAsync(image, [created]);

        var events = await service.Events.WaitForAsync(all => all.Any(e => e.GetProperty("id").GetString() == created.Id), Patience);
        // At least once: both test hosts sweep the same storage (in Azure a timer runs on one instance at a time), so
        // two sweeps may both publish it; a subscriber de-duplicates by the CloudEvent id, which a re-publish keeps.
        Assert.All(events.Where(e => e.GetProperty("id").GetString() == created.Id), e => Assert.Equal("image.create", e.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task TimerSweepAlone_DeliversEveryEventBeforeItReturns()
    {
        // Commits whose fast path never runs (an instance frozen or stopped right after answering), written a minute
        // ago so they are old enough to sweep.
        var services = service.Trusted.App.Services;
        var tables = services.GetRequiredService<Azure.Data.Tables.TableServiceClient>();
        var aMinuteAgo = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-1));
        var repository = new TableImageRepository(tables, new EventOutbox(), services.GetRequiredService<ListingIndex>(),
            new RecentPartitions(services.GetRequiredService<IOptions<Glance.Storage.StorageOptions>>()),
            services.GetRequiredService<IOptions<Glance.Storage.StorageOptions>>(), Options.Create(new EventOptions()), aMinuteAgo);
        var committed = new List<ImageEvent>();
        for (var i = 0; i < 12; i++)
        {
            var image = new Glance.Domain.Images.Image(Guid.NewGuid().ToString(), aMinuteAgo.GetUtcNow()) { Owner = "frozen" };
            var created = ImageEvents.Create(image, aMinuteAgo.GetUtcNow());
            await repository.AddAsync(image, [created]);
            committed.Add(created);
        }

        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<Glance.Functions.Functions.EventOutboxFunctions>()
            .SweepEventOutbox(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);

        // No waiting: what the invocation delivered is there when it returns, and the outbox rows are gone.
        var delivered = service.Events.Events.Select(e => e.GetProperty("id").GetString()).ToHashSet();
        Assert.All(committed, e => Assert.Contains(e.Id, delivered));
        var images = tables.GetTableClient(services.GetRequiredService<IOptions<Glance.Storage.StorageOptions>>().Value.ImagesTable);
        foreach (var e in committed)
        {
            var left = images.QueryAsync<Azure.Data.Tables.TableEntity>(
                Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {e.ImageId} and RowKey ge {EventRows.Prefix} and RowKey lt {EventRows.End}"));
            Assert.Empty(await left.ToListAsync());
        }
    }

    [Fact]
    public async Task FailedCommit_PublishesNothing()
    {
        var repository = service.Trusted.App.Services.GetRequiredService<IImageRepository>();
        var image = new Glance.Domain.Images.Image(Guid.NewGuid().ToString(), DateTimeOffset.UtcNow) { Owner = "lost-race" };
        await repository.AddAsync(image, []);
        var stale = (await repository.FindAsync(image.Id))!;
        var fresh = (await repository.FindAsync(image.Id))!;
        await repository.SaveAsync(fresh, []);
        var lost = ImageEvents.Update(stale, DateTimeOffset.UtcNow);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => repository.SaveAsync(stale, [lost]));

        var marker = ImageEvents.Update(fresh, DateTimeOffset.UtcNow);
        await repository.SaveAsync(fresh, [marker]);
        var events = await service.Events.WaitForAsync(all => all.Any(e => e.GetProperty("id").GetString() == marker.Id), Patience);
        Assert.DoesNotContain(events, e => e.GetProperty("id").GetString() == lost.Id);
    }

    [Fact]
    public async Task ConcurrentChangesToManyImages_EachImagesEventsKeepTheirOrder()
    {
        using var client = service.Client("events-order");
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add((await client.CreateImageAsync()).GetProperty("id").GetString()!);
        }

        await Task.WhenAll(ids.Select(async id =>
        {
            for (var n = 0; n < 5; n++)
            {
                await client.PatchJsonAsync($"/v2/images/{id}", $$"""[{"op":"replace","path":"/min_ram","value":{{n}}}]""");
            }
        }));

        var events = await service.Events.WaitForAsync(all => ids.All(id => all.Count(e => e.GetProperty("subject").GetString() == $"/images/{id}") >= 6), Patience);
        foreach (var id in ids)
        {
            // Delivery is at least once; subscribers de-duplicate by CloudEvent id, and first arrivals keep commit order.
            var rams = events.Where(e => e.GetProperty("subject").GetString() == $"/images/{id}" && e.GetProperty("type").GetString() == "image.update")
                .DistinctBy(e => e.GetProperty("id").GetString())
                .Select(e => e.GetProperty("data").GetProperty("min_ram").GetInt32());
            Assert.Equal([0, 1, 2, 3, 4], rams);
        }
    }
}
