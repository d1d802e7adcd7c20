using Glance.Integration.Tests.RoundTrips;
using Azure.Data.Tables;
using Glance.Domain.Identity;
using Glance.Domain.Ports;
using Glance.Domain.Tasks;
using Glance.Integration.Tests.Infrastructure;
using Glance.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Glance.Integration.Tests;

/// <summary>The task adapter's index for the tasks API, against Azurite: found by id alone, listed across images, purged when expired.</summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class TableImageTaskRepositoryTests(GlanceService service)
{
    private IImageTaskRepository Tasks => service.Trusted.App.Services.GetRequiredService<IImageTaskRepository>();

    private TableClient Table => service.Trusted.App.Services.GetRequiredService<TableServiceClient>()
        .GetTableClient(service.Trusted.App.Services.GetRequiredService<IOptions<StorageOptions>>().Value.ImageTasksTable);

    private static ImageTask NewTask(DateTimeOffset? createdAt = null) =>
        ImageTask.Accept(Guid.NewGuid().ToString(), ImageTaskInput.For("glance-direct"), new Caller("tasks-p1", "u1", new HashSet<string>()), "req-1",
            createdAt ?? DateTimeOffset.UtcNow);

    private Task<List<ImageTask>> All() => Tasks.ListNewestFirstAsync(null, 1000).ToListAsync().AsTask();

    [Fact]
    public async Task ListNewestFirstAsync_AfterATask_ContinuesWithTheOlderOnesInOneRequestPerPage()
    {
        var roundTrips = new StorageRoundTrips();
        await using var app = InstrumentedApp.Build(service, roundTrips);
        var tasks = app.GetRequiredService<IImageTaskRepository>();
        // In the future, so that no task another test records comes between them.
        var start = DateTimeOffset.UtcNow.AddYears(1);
        var saved = Enumerable.Range(0, 5).Select(i => NewTask(start.AddMinutes(-i))).ToList();
        foreach (var task in saved)
        {
            await tasks.SaveAsync(task);
        }

        var (page, recording) = await roundTrips.MeasureAsync(() => tasks.ListNewestFirstAsync(saved[1].Id, 2).Take(2).ToListAsync().AsTask());

        Assert.Equal([saved[2].Id, saved[3].Id], page.Select(t => t.Id));
        // The marker's pointer, then one range read of a page.
        Assert.Equal(2, recording.Requests);
        Assert.Empty(await tasks.ListNewestFirstAsync(Guid.NewGuid().ToString(), 2).ToListAsync());
    }

    [Fact]
    public async Task SaveAsync_ATask_IsFoundByItsIdAloneAndListed()
    {
        var task = NewTask();

        await Tasks.SaveAsync(task);

        Assert.Equal(task.Status, (await Tasks.FindAsync(task.Id))?.Status);
        Assert.Contains(await All(), t => t.Id == task.Id && t.ImageId == task.ImageId && t.Owner == "tasks-p1");
        Assert.Null(await Tasks.FindAsync(Guid.NewGuid().ToString()));
    }

    [Fact]
    public async Task TryReplaceAsync_ChangesWhatTheListShows()
    {
        var task = NewTask();
        await Tasks.SaveAsync(task);
        var now = DateTimeOffset.UtcNow;

        Assert.True(await Tasks.TryReplaceAsync(task, task.Begin(now)));
        Assert.True(await Tasks.TryReplaceAsync(task.Begin(now), task.Begin(now).Succeed("Copied 0 MiB", now)));

        var listed = Assert.Single(await All(), t => t.Id == task.Id);
        Assert.Equal(ImageTask.Success, listed.Status);
        Assert.Equal(ImageTask.Success, (await Tasks.FindAsync(task.Id))!.Status);
    }

    [Fact]
    public async Task PurgeExpiredAsync_DeletesExpiredTasksEverywhere_AndKeepsTheOthers()
    {
        var longAgo = DateTimeOffset.UtcNow.AddDays(-5);
        var expired = NewTask(longAgo);
        await Tasks.SaveAsync(expired.Fail("gone", longAgo));
        var live = NewTask();
        await Tasks.SaveAsync(live.Succeed("done", DateTimeOffset.UtcNow));

        await Tasks.PurgeExpiredAsync(DateTimeOffset.UtcNow);

        Assert.Null(await Tasks.FindAsync(expired.Id));
        Assert.Empty(await Tasks.ListAsync(expired.ImageId, longAgo));
        var all = await All();
        Assert.DoesNotContain(all, t => t.Id == expired.Id);
        Assert.Contains(all, t => t.Id == live.Id);
    }

    [Fact]
    public async Task PurgeExpiredAsync_BringsACopyThatMissedAChangeInLine()
    {
        var task = NewTask();
        await Tasks.SaveAsync(task);
        // The task's own row changes but its copy does not, as when a process dies between the two writes.
        var done = task.Succeed("done", DateTimeOffset.UtcNow);
        var row = Assert.Single(Table.Query<TableEntity>(e => e.PartitionKey == task.ImageId));
        row["Status"] = done.Status;
        row["UpdatedAt"] = done.UpdatedAt;
        await Table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge);
        Assert.Equal(ImageTask.Pending, Assert.Single(await All(), t => t.Id == task.Id).Status);

        await Tasks.PurgeExpiredAsync(DateTimeOffset.UtcNow);

        Assert.Equal(ImageTask.Success, Assert.Single(await All(), t => t.Id == task.Id).Status);
    }
}
