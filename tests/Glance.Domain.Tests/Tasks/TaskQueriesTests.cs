using Glance.Domain.Application;
using Glance.Domain.Errors;
using Glance.Domain.Identity;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Glance.Domain.Tasks;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Glance.Domain.Tests.Tasks;

/// <summary>GET /v2/tasks and /v2/tasks/{id}: tasks_api_access first, an admin sees every project's tasks, paging as Glance pages.</summary>
public sealed class TaskQueriesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);
    private readonly Mock<IImageTaskRepository> _repository = new();
    private readonly List<ImageTask> _stored = [];

    private int _read;

    public TaskQueriesTests()
    {
        _repository.Setup(r => r.ListNewestFirstAsync(It.IsAny<string?>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .Returns((string? after, int _, CancellationToken _) => NewestFirst(after));
        _repository.Setup(r => r.FindAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, CancellationToken _) => _stored.SingleOrDefault(t => t.Id == id));
    }

    private async IAsyncEnumerable<ImageTask> NewestFirst(string? after)
    {
        var ordered = _stored.OrderByDescending(t => t.CreatedAt).ToList();
        foreach (var task in after is null ? ordered : ordered.SkipWhile(t => t.Id != after).Skip(1))
        {
            _read++;
            await Task.Yield();
            yield return task;
        }
    }

    private TaskQueries Queries(IReadOnlyDictionary<string, string>? rules = null) =>
        new(_repository.Object, new ImagePolicy(rules), new FakeTimeProvider(Now));

    private ImageTask Stored(string owner, int minutesAgo, string status = ImageTask.Success, DateTimeOffset? expires = null)
    {
        var created = Now.AddMinutes(-minutesAgo);
        var task = new ImageTask(Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), ImageTask.ImportType, status, owner, "u-" + owner, "req-1",
            ImageTaskInput.For("glance-direct"), null, null, created, created, expires ?? created.AddHours(48));
        _stored.Add(task);
        return task;
    }

    private static readonly IReadOnlyDictionary<string, string> MembersMayUseTasks =
        new Dictionary<string, string> { [ImagePolicyDefaults.TasksApiAccess] = "role:member" };

    [Fact]
    public async Task List_ByAMember_IsRefusedByTasksApiAccessBeforeAnyRead()
    {
        var e = await Assert.ThrowsAsync<GlanceException>(() => Queries().ListAsync(TestImages.Member("p1"), TaskListQuery.Default(25)));

        Assert.Equal(GlanceErrorKind.NotAllowed, e.Kind);
        Assert.Equal("You are not authorized to complete tasks_api_access action.", e.Message);
        _repository.Verify(r => r.ListNewestFirstAsync(It.IsAny<string?>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task List_ByAnAdmin_ShowsEveryProjectsLiveTasksNewestFirst()
    {
        var older = Stored("p1", 30);
        var newer = Stored("p2", 10);
        Stored("p1", 5, expires: Now.AddSeconds(-1));

        var page = await Queries().ListAsync(TestImages.Admin, TaskListQuery.Default(25));

        Assert.Equal([newer.Id, older.Id], page.Tasks.Select(t => t.Id));
        Assert.False(page.IsFull);
    }

    [Fact]
    public async Task List_WhenMembersMayUseTheApi_ShowsOnlyTheirProjectsTasks()
    {
        var own = Stored("p1", 30);
        Stored("p2", 10);

        var page = await Queries(MembersMayUseTasks).ListAsync(TestImages.Member("p1"), TaskListQuery.Default(25));

        Assert.Equal([own.Id], page.Tasks.Select(t => t.Id));
    }

    [Fact]
    public async Task List_AfterAMarker_ContinuesThereAndSaysWhenThePageIsFull()
    {
        var tasks = Enumerable.Range(1, 5).Select(i => Stored("p1", i)).ToList();

        var first = await Queries().ListAsync(TestImages.Admin, TaskListQuery.Default(2));
        var second = await Queries().ListAsync(TestImages.Admin, TaskListQuery.Default(2) with { Marker = first.Tasks[^1].Id });

        Assert.Equal(tasks.Take(2).Select(t => t.Id), first.Tasks.Select(t => t.Id));
        Assert.True(first.IsFull);
        Assert.Equal(tasks.Skip(2).Take(2).Select(t => t.Id), second.Tasks.Select(t => t.Id));
    }

    [Fact]
    public async Task List_NewestFirst_ReadsOnlyAsFarAsThePageNeeds()
    {
        var tasks = Enumerable.Range(1, 50).Select(i => Stored("p1", i)).ToList();

        var page = await Queries().ListAsync(TestImages.Admin, TaskListQuery.Default(3) with { Marker = tasks[9].Id });

        Assert.Equal(tasks.Skip(10).Take(3).Select(t => t.Id), page.Tasks.Select(t => t.Id));
        Assert.Equal(3, _read);
    }

    [Fact]
    public async Task List_NewestFirst_AfterAMarkerThatExpiredOrIsAnotherProjects_IsGlancesBadRequest()
    {
        var expired = Stored("p1", 5, expires: Now.AddSeconds(-1));
        var foreign = Stored("p2", 6);

        var afterExpired = await Assert.ThrowsAsync<GlanceException>(
            () => Queries().ListAsync(TestImages.Admin, TaskListQuery.Default(5) with { Marker = expired.Id }));
        var afterForeign = await Assert.ThrowsAsync<GlanceException>(
            () => Queries(MembersMayUseTasks).ListAsync(TestImages.Member("p1"), TaskListQuery.Default(5) with { Marker = foreign.Id }));

        Assert.Equal(GlanceErrorKind.Invalid, afterExpired.Kind);
        Assert.Equal($"Task with the given id {foreign.Id} was not found", afterForeign.Message);
    }

    [Fact]
    public async Task List_WithAMarkerThatIsNoTask_IsGlancesBadRequest()
    {
        Stored("p1", 1);
        var marker = Guid.NewGuid().ToString();

        var e = await Assert.ThrowsAsync<GlanceException>(() => Queries().ListAsync(TestImages.Admin, TaskListQuery.Default(5) with { Marker = marker }));

        Assert.Equal(GlanceErrorKind.Invalid, e.Kind);
        Assert.Equal($"Task with the given id {marker} was not found", e.Message);
    }

    [Fact]
    public async Task List_FilteredByStatus_StillFindsAMarkerOfAnotherStatus()
    {
        var failed = Stored("p1", 1, ImageTask.Failure);
        var done = Stored("p1", 2);
        Stored("p1", 3, ImageTask.Failure);

        var page = await Queries().ListAsync(TestImages.Admin, TaskListQuery.Default(5) with { Marker = failed.Id, Status = ImageTask.Success });

        Assert.Equal([done.Id], page.Tasks.Select(t => t.Id));
    }

    [Fact]
    public async Task List_SortedByStatus_BreaksTiesByCreationTimeInTheSameDirection()
    {
        var oldSuccess = Stored("p1", 30);
        var failure = Stored("p1", 20, ImageTask.Failure);
        var newSuccess = Stored("p1", 10);

        var page = await Queries().ListAsync(TestImages.Admin, TaskListQuery.Default(5) with { SortKey = TaskSortKey.Status, Ascending = true });

        Assert.Equal([failure.Id, oldSuccess.Id, newSuccess.Id], page.Tasks.Select(t => t.Id));
    }

    [Fact]
    public async Task List_FilteredByTheLegacyType_IsEmptyForImportTasks()
    {
        Stored("p1", 1);

        var page = await Queries().ListAsync(TestImages.Admin, TaskListQuery.Default(5) with { Type = "import" });

        Assert.Empty(page.Tasks);
    }

    [Fact]
    public async Task Show_AnotherProjectsTask_IsNotFoundForAMemberAndShownToAnAdmin()
    {
        var task = Stored("p2", 1);
        _repository.Setup(r => r.FindAsync(task.Id, It.IsAny<CancellationToken>())).ReturnsAsync(task);

        var e = await Assert.ThrowsAsync<GlanceException>(() => Queries(MembersMayUseTasks).ShowAsync(TestImages.Member("p1"), task.Id));
        var shown = await Queries().ShowAsync(TestImages.Admin, task.Id);

        Assert.Equal(GlanceErrorKind.NotFound, e.Kind);
        Assert.Equal($"Could not find task {task.Id}", e.Message);
        Assert.Same(task, shown);
    }

    [Fact]
    public async Task Show_ATaskThatDoesNotExist_IsNotFound()
    {
        var e = await Assert.ThrowsAsync<GlanceException>(() => Queries().ShowAsync(TestImages.Admin, "abc"));

        Assert.Equal(GlanceErrorKind.NotFound, e.Kind);
        Assert.Equal("Could not find task abc", e.Message);
    }

    [Fact]
    public async Task PurgeExpired_AsksTheRepositoryWithTheClocksTime()
    {
        _repository.Setup(r => r.PurgeExpiredAsync(Now, It.IsAny<CancellationToken>())).ReturnsAsync(3);

        Assert.Equal(3, await Queries().PurgeExpiredAsync());
    }
}
