using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Azure.Core;
using Azure.Core.Pipeline;
using Glance.Domain.Application;
using Glance.Domain.Errors;
using Glance.Domain.Identity;
using Glance.Domain.Ports;
using Glance.Integration.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Glance.Integration.Tests.Restore;

/// <summary>
/// The end of the retention window and the purge, on an instance of the app whose clock the test moves: after the window
/// nothing is restored, the purge deletes every blob of the images that are due and nothing else, a run reads the due
/// schedule entries and one partition per image (never the images at large), and a run repeated after a crash finishes
/// the work.
/// </summary>
[Collection(RetentionServiceCollection.Name)]
public sealed class RetainedImagePurgeTests(RetentionService service) : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly TableReads _reads = new();
    private ServiceProvider _app = null!;

    public Task InitializeAsync()
    {
        _app = InstrumentedApp.Build(service.Azurite, _reads, new Dictionary<string, string?> { ["Glance:Images:DeletedRetention"] = Window.ToString() }, _clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Purge_AfterTheWindow_DeletesTheBytesOfDueImagesOnly_OneScheduleReadAndOneReadPerImage()
    {
        var project = "purge-" + Guid.NewGuid().ToString("N")[..6];
        var caller = new Caller(project, "u-" + project, new HashSet<string> { "member", "reader" });
        using var client = service.Client(project);
        var restoration = _app.GetRequiredService<ImageRestoration>();
        var purge = _app.GetRequiredService<RetainedImagePurge>();
        var bytes = RandomNumberGenerator.GetBytes(4099);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await RestoreApiTests.ActiveImageAsync(client, bytes));
        }
        var (first, second, third, restored, halfPurged) = (ids[0], ids[1], ids[2], ids[3], ids[4]);
        // Deleted through the local host, on the real clock: its hour-long window is open throughout.
        var keptOpen = await RestoreApiTests.ActiveImageAsync(client, bytes);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v2/images/{keptOpen}")).StatusCode);
        // Deleted a second apart by this instance, so that the schedule orders them as listed.
        foreach (var id in ids)
        {
            await _app.GetRequiredService<ImageService>().DeleteAsync(caller, id);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }
        await restoration.RestoreAsync(caller, restored);

        _clock.Advance(Window);
        var late = await Assert.ThrowsAsync<GlanceException>(() => restoration.RestoreAsync(caller, first));
        // An earlier run that crashed after its first step: retention ended, the bytes and the entry still there.
        var images = _app.GetRequiredService<IImageRepository>();
        var crashed = (await images.FindAsync(halfPurged))!;
        crashed.EndRetention();
        await images.SaveAsync(crashed, []);

        var runs = new List<(PurgeRun Run, int Reads, IReadOnlyList<string> Queries)>();
        for (var i = 0; i < 3; i++)
        {
            _reads.Reset();
            runs.Add((await purge.PurgeDueAsync(maxPerRun: 3), _reads.Count, _reads.IndexQueries));
        }

        Assert.Equal(GlanceErrorKind.NotFound, late.Kind);
        Assert.Equal([3, 1, 0], runs.Select(r => r.Run.Purged));
        Assert.All(runs, r => Assert.Empty(r.Run.Failures));
        // The schedule's due range, then one partition read per entry; the third run finds nothing due.
        Assert.Equal([1 + 3, 1 + 2, 1], runs.Select(r => r.Reads));
        Assert.All(runs.SelectMany(r => r.Queries), q => Assert.Contains("PartitionKey eq 'purge-schedule' and RowKey lt '", q));
        foreach (var id in new[] { first, second, third, halfPurged })
        {
            Assert.False(await service.ImageBlob(id).ExistsAsync(), $"image {id}'s bytes outlived its window");
            Assert.Equal(HttpStatusCode.NotFound, (await RestoreApiTests.RestoreAsync(client, id)).StatusCode);
        }
        Assert.Equal(bytes, await client.GetByteArrayAsync($"/v2/images/{restored}/file"));
        Assert.Equal(HttpStatusCode.NoContent, (await RestoreApiTests.RestoreAsync(client, keptOpen)).StatusCode);
        var usage = await (await client.GetAsync("/v2/info/usage")).JsonAsync();
        Assert.Equal(2, usage.GetProperty("usage").GetProperty("image_count_total").GetProperty("usage").GetInt64());
    }

    /// <summary>Counts the reads of the two image tables (GETs), and keeps the filters of the listing index's queries.</summary>
    private sealed class TableReads : HttpPipelineSynchronousPolicy
    {
        private readonly ConcurrentQueue<string> _indexQueries = new();
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public IReadOnlyList<string> IndexQueries => [.. _indexQueries];

        public void Reset()
        {
            Interlocked.Exchange(ref _count, 0);
            _indexQueries.Clear();
        }

        public override void OnSendingRequest(HttpMessage message)
        {
            var path = message.Request.Uri.Path;
            if (message.Request.Method != RequestMethod.Get || !(path.EndsWith("/images()", StringComparison.Ordinal) || path.Contains("/imageindex(", StringComparison.Ordinal)))
            {
                return;
            }
            Interlocked.Increment(ref _count);
            if (path.Contains("/imageindex(", StringComparison.Ordinal))
            {
                _indexQueries.Enqueue(Uri.UnescapeDataString(message.Request.Uri.Query));
            }
        }
    }
}
