using Glance.Domain.Application;
using Glance.Domain.Data;
using Glance.Domain.Events;
using Glance.Domain.Images;
using Glance.Domain.Importing;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Glance.Domain.Tasks;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Glance.Domain.Tests.Application;

public sealed class StaleOperationRecoveryTests
{
    private readonly FakeTimeProvider _clock = new(TestImages.Now);
    private readonly Mock<IImageRepository> _images = new();
    private readonly Mock<IImageTaskRepository> _tasks = new();
    private readonly Mock<IImageDataStore> _data = new();
    private readonly List<string> _writes = [];
    private readonly List<ImageTask> _savedTasks = [];
    private readonly StaleOperationRecovery _recovery;

    public StaleOperationRecoveryTests()
    {
        var options = new ImageDataOptions { StaleOperationAfter = TimeSpan.FromHours(4) };
        var (recorder, flow) = TestImages.DataFlow(_images.Object, _data.Object, _tasks.Object, TestImages.Unlimited(), options, _clock);
        var access = new ImageAccess(_images.Object, ImagePolicy.Default);
        var uploads = new ImageDataService(access, ImagePolicy.Default, _images.Object, _data.Object, Mock.Of<IDataUrlIssuer>(), _tasks.Object,
            recorder, flow, TestImages.Unlimited(), options, _clock);
        var imports = new ImageImportRunner(_images.Object, _tasks.Object, recorder, flow, new ImageStoreCopier(_data.Object, flow, recorder, options, _clock),
            _data.Object, options, Mock.Of<IWebDownloader>(), new WebDownloadOptions(), _clock, Mock.Of<IImageLocations>());
        _recovery = new StaleOperationRecovery(_images.Object, _tasks.Object, recorder, flow, uploads, imports, options, _clock);
        _images.Setup(r => r.SaveAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()))
            .Callback((Image image, IReadOnlyList<ImageEvent> _, CancellationToken _) => _writes.Add("image:" + image.Status.ToWire()))
            .Returns(Task.CompletedTask);
        _tasks.Setup(t => t.SaveAsync(It.IsAny<ImageTask>(), It.IsAny<CancellationToken>()))
            .Callback((ImageTask task, CancellationToken _) =>
            {
                _writes.Add("task:" + task.Status);
                _savedTasks.Add(task);
            })
            .Returns(Task.CompletedTask);
    }

    [Fact]
    public async Task RecoverAsync_SavingLongerThanAnyOperation_ReturnsToQueuedAndDeletesTheBytes()
    {
        var image = Stored(i => i.BeginSaving("lease", TestImages.Now));
        _clock.Advance(TimeSpan.FromHours(5));

        Assert.True(await _recovery.RecoverAsync(image.Id));

        Assert.Equal(["image:queued"], _writes);
        _data.Verify(d => d.DeleteSealedAsync(image.Id, "lease", It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task RecoverAsync_SavingRecently_LeavesTheOperationAlone()
    {
        var image = Stored(i => i.BeginSaving("lease", TestImages.Now));
        _clock.Advance(TimeSpan.FromHours(3));

        Assert.False(await _recovery.RecoverAsync(image.Id));

        Assert.Empty(_writes);
        _data.Verify(d => d.DeleteSealedAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task RecoverAsync_AwaitingADirectUpload_WaitsForTheUser()
    {
        var image = Stored(i => i.AwaitDirectUpload(UploadExpectations.None, TestImages.Now));
        _clock.Advance(TimeSpan.FromDays(2));

        Assert.False(await _recovery.RecoverAsync(image.Id));
        Assert.Empty(_writes);
    }

    [Fact]
    public async Task RecoverAsync_AwaitingADirectUploadWhoseBytesNobodyValidated_ValidatesThem()
    {
        var image = Stored(i => i.AwaitDirectUpload(UploadExpectations.None, TestImages.Now));
        _images.Holds(image.Id, image); // one copy, saved in place
        _data.Setup(d => d.FreezeUploadAsync(image.Id, It.IsAny<CancellationToken>())).ReturnsAsync(new UploadedBlob("s1", true, 4096));
        _data.Setup(d => d.OpenReadAsync(image.Id, 0, null, It.IsAny<CancellationToken>())).ReturnsAsync(() => new MemoryStream(new byte[4096]));
        _clock.Advance(TimeSpan.FromHours(5));

        Assert.True(await _recovery.RecoverAsync(image.Id));

        Assert.Equal(["image:importing", "task:processing", "image:active", "task:success"], _writes);
    }

    [Fact]
    public async Task RecoverAsync_ImportingWithItsTaskRunning_FailsTheTaskFirstThenQueuesTheImage()
    {
        var task = ImageTask.Start("placeholder", ImageTaskInput.None, TestImages.Member("p1"), null, TestImages.Now);
        var image = Stored(i => i.BeginImport(task.Id, "lease", TestImages.Now));
        task = task with { ImageId = image.Id };
        _tasks.Setup(t => t.ListAsync(image.Id, It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync([task]);
        _clock.Advance(TimeSpan.FromHours(5));

        Assert.True(await _recovery.RecoverAsync(image.Id));

        Assert.Equal(["task:failure", "image:queued"], _writes);
    }

    [Fact]
    public async Task RecoverAsync_ValidationWhoseProcessDied_IsTakenOverByANewTaskThatActivatesTheSealedBytes()
    {
        var (image, stale) = StoredImport(ImageTask.UploadUrlMethod);
        _data.Setup(d => d.OpenReadAsync(image.Id, 0, null, It.IsAny<CancellationToken>())).ReturnsAsync(() => new MemoryStream(new byte[4096]));
        _clock.Advance(TimeSpan.FromHours(5));

        Assert.True(await _recovery.RecoverAsync(image.Id));

        // The lock moves first (one of two recoveries wins it), then the stale task fails, then the new one runs.
        Assert.Equal(["image:importing", "task:failure", "task:processing", "image:active", "task:success"], _writes);
        _data.Verify(d => d.DeleteSealedAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        var failed = Assert.Single(_savedTasks, t => t.Id == stale.Id);
        Assert.Equal(StaleOperationRecovery.TakenOverReason, failed.Message);
        Assert.All(_savedTasks.Where(t => t.Id != stale.Id), t => Assert.Equal(stale.Input, t.Input));
    }

    [Fact]
    public async Task RecoverAsync_GlanceDirectImportWhoseProcessDied_IsTakenOverAndBadBytesEndQueued()
    {
        var (image, _) = StoredImport(ImportRequest.GlanceDirect, i => i.ChangeDiskFormat("qcow2"));
        _data.Setup(d => d.OpenReadAsync(image.Id, 0, null, It.IsAny<CancellationToken>())).ReturnsAsync(() => new MemoryStream(new byte[4096]));
        _clock.Advance(TimeSpan.FromHours(5));

        Assert.True(await _recovery.RecoverAsync(image.Id));

        Assert.Equal(["image:importing", "task:failure", "task:processing", "task:failure", "image:queued"], _writes);
        _data.Verify(d => d.DeleteSealedAsync(image.Id, "lease", It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task RecoverAsync_WebDownloadWhoseProcessDied_IsUndoneNotTakenOver()
    {
        var (image, _) = StoredImport(ImportRequest.WebDownload);
        _clock.Advance(TimeSpan.FromHours(5));

        Assert.True(await _recovery.RecoverAsync(image.Id));

        Assert.Equal(["task:failure", "image:queued"], _writes);
    }

    [Fact]
    public async Task RecoverAsync_ValidationTakenOverTooOften_IsUndone()
    {
        var (image, stale) = StoredImport(ImageTask.UploadUrlMethod);
        var earlier = Enumerable.Range(1, StaleOperationRecovery.MaxTakeovers)
            .Select(n => stale with { Id = "earlier" + n, Status = "failure", Message = StaleOperationRecovery.TakenOverReason, CreatedAt = TestImages.Now.AddHours(-5 * n) });
        _tasks.Setup(t => t.ListAsync(image.Id, It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync([stale, .. earlier]);
        _clock.Advance(TimeSpan.FromHours(5));

        Assert.True(await _recovery.RecoverAsync(image.Id));

        Assert.Equal(["task:failure", "image:queued"], _writes);
        Assert.Equal(StaleOperationRecovery.Reason, Assert.Single(_savedTasks).Message);
    }

    [Fact]
    public async Task RecoverAsync_ValidationAnotherRecoveryTookOver_DoesNothingMore()
    {
        var (image, _) = StoredImport(ImageTask.UploadUrlMethod);
        _clock.Advance(TimeSpan.FromHours(5));
        var takenOver = new Image(image.Id, TestImages.Now) { Owner = "p1", DiskFormat = "raw", ContainerFormat = "bare" };
        takenOver.BeginImport("someone-else", "lease", TestImages.Now.AddHours(5));
        _images.SetupSequence(r => r.FindAsync(image.Id, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Image.Restore(image.ToSnapshot()))
            .ReturnsAsync(takenOver);

        await _recovery.RecoverAsync(image.Id);

        Assert.Empty(_writes);
    }

    [Fact]
    public async Task RecoverAsync_ProcessDiedBeforeRecordingTheTask_RecordsItFailedThenQueuesTheImage()
    {
        var image = Stored(i => i.BeginImport("lost-task", "lease", TestImages.Now));
        _tasks.Setup(t => t.ListAsync(image.Id, It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _clock.Advance(TimeSpan.FromHours(5));

        Assert.True(await _recovery.RecoverAsync(image.Id));

        Assert.Equal(["task:failure", "image:queued"], _writes);
        var recorded = Assert.Single(_savedTasks);
        Assert.Equal(("lost-task", image.Id, "p1", StaleOperationRecovery.Reason), (recorded.Id, recorded.ImageId, recorded.Owner, recorded.Message));
    }

    [Fact]
    public async Task RecoverAsync_GlanceDirectImportWhoseQueuedJobNeverBegan_IsTakenOverAndActivated()
    {
        // The message was lost or moved aside as poison: the task is still pending, the image importing under it.
        var (image, pending) = StoredImport(ImportRequest.GlanceDirect, pending: true);
        _data.Setup(d => d.OpenReadAsync(image.Id, 0, null, It.IsAny<CancellationToken>())).ReturnsAsync(() => new MemoryStream(new byte[4096]));
        _clock.Advance(TimeSpan.FromHours(5));

        Assert.True(await _recovery.RecoverAsync(image.Id));

        Assert.Equal(["image:importing", "task:failure", "task:processing", "image:active", "task:success"], _writes);
        Assert.Equal(StaleOperationRecovery.TakenOverReason, Assert.Single(_savedTasks, t => t.Id == pending.Id).Message);
    }

    [Fact]
    public async Task RecoverAsync_WebDownloadWhoseQueuedJobNeverBegan_FailsItsTaskThenQueuesTheImage()
    {
        var (image, pending) = StoredImport(ImportRequest.WebDownload, pending: true);
        _clock.Advance(TimeSpan.FromHours(5));

        Assert.True(await _recovery.RecoverAsync(image.Id));

        Assert.Equal(["task:failure", "image:queued"], _writes);
        var failed = Assert.Single(_savedTasks);
        Assert.Equal((pending.Id, StaleOperationRecovery.Reason), (failed.Id, failed.Message));
    }

    [Fact]
    public async Task RecoverAsync_ImportAcceptedRecently_LeavesItsPendingJobAlone()
    {
        var (image, _) = StoredImport(ImportRequest.GlanceDirect, pending: true);
        _clock.Advance(TimeSpan.FromHours(3));

        Assert.False(await _recovery.RecoverAsync(image.Id));

        Assert.Empty(_writes);
    }

    private (Image Image, ImageTask Task) StoredImport(string method, Action<Image>? arrange = null, bool pending = false)
    {
        var task = ImageTask.Start("placeholder", ImageTaskInput.For(method), TestImages.Member("p1"), null, TestImages.Now)
            with { Status = pending ? ImageTask.Pending : ImageTask.Processing };
        var image = Stored(i =>
        {
            arrange?.Invoke(i);
            i.BeginImport(task.Id, "lease", TestImages.Now);
        });
        task = task with { ImageId = image.Id };
        _tasks.Setup(t => t.ListAsync(image.Id, It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync([task]);
        return (image, task);
    }

    private Image Stored(Action<Image> operation)
    {
        var image = new Image(Guid.NewGuid().ToString(), TestImages.Now) { Owner = "p1", DiskFormat = "raw", ContainerFormat = "bare" };
        operation(image);
        _images.Setup(r => r.FindAsync(image.Id, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => Image.Restore(image.ToSnapshot()));
        return image;
    }
}
