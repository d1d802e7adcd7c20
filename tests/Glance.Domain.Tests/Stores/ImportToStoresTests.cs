using System.Security.Cryptography;
using Glance.Domain.Application;
using Glance.Domain.Data;
using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Images;
using Glance.Domain.Importing;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Glance.Domain.Stores;
using Glance.Domain.Tasks;
using Moq;

namespace Glance.Domain.Tests.Stores;

/// <summary>
/// Imports into chosen stores and copy-image, from the request to the end of the run: which stores, Glance's refusals,
/// the bookkeeping store by store, and what a failed store does with all_stores_must_succeed true or false.
/// </summary>
public sealed class ImportToStoresTests
{
    private static readonly byte[] Bytes = new byte[4096];
    private static readonly byte[] Corrupt = [.. Enumerable.Repeat((byte)1, 4096)];

    private readonly Mock<IImageRepository> _images = new();
    private readonly Mock<IImageTaskRepository> _tasks = new();
    private readonly Mock<IImageDataStore> _data = new();
    private readonly Mock<IImportQueue> _queue = new();
    private readonly Dictionary<string, Mock<IImageDataStore>> _stores = new()
    {
        ["cheap"] = new Mock<IImageDataStore>(),
        ["fast"] = new Mock<IImageDataStore>(),
    };
    private readonly Dictionary<string, byte[]> _held = new(StringComparer.Ordinal);
    private readonly List<string> _writes = [];
    private readonly List<ImageStatus> _statusAtCopy = [];
    private readonly List<ImageTask> _savedTasks = [];
    private readonly ImageImportService _imports;
    private readonly ImageImportRunner _runner;
    private Image _stored = null!;
    private ImportJob? _job;

    public ImportToStoresTests()
    {
        var options = new ImageDataOptions
        {
            Stores = TwoStores(),
            EnabledImportMethods = [ImportRequest.GlanceDirect, ImportRequest.WebDownload, ImportRequest.CopyImage],
        };
        var clock = TimeProvider.System;
        var (recorder, flow) = TestImages.DataFlow(_images.Object, _data.Object, _tasks.Object, TestImages.Unlimited(), options, clock);
        _imports = new ImageImportService(new ImageAccess(_images.Object, ImagePolicy.Default), ImagePolicy.Default, _data.Object, recorder,
            Mock.Of<IWebDownloader>(), _queue.Object, flow, TestImages.Unlimited(), options, clock);
        _runner = new ImageImportRunner(_images.Object, _tasks.Object, recorder, flow, new ImageStoreCopier(_data.Object, flow, recorder, options, clock),
            _data.Object, options, Mock.Of<IWebDownloader>(), new WebDownloadOptions(), clock, Mock.Of<IImageLocations>());
        _images.Setup(r => r.SaveAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()))
            .Callback((Image image, IReadOnlyList<ImageEvent> _, CancellationToken _) => _stored = Image.Restore(image.ToSnapshot()))
            .Returns(Task.CompletedTask);
        _tasks.Setup(t => t.SaveAsync(It.IsAny<ImageTask>(), It.IsAny<CancellationToken>()))
            .Callback((ImageTask task, CancellationToken _) => _savedTasks.Add(task))
            .Returns(Task.CompletedTask);
        _tasks.Setup(t => t.TryReplaceAsync(It.IsAny<ImageTask>(), It.IsAny<ImageTask>(), It.IsAny<CancellationToken>()))
            .Callback((ImageTask _, ImageTask next, CancellationToken _) => _savedTasks.Add(next))
            .ReturnsAsync(true);
        _queue.Setup(q => q.EnqueueAsync(It.IsAny<ImportJob>(), It.IsAny<CancellationToken>()))
            .Callback((ImportJob job, CancellationToken _) => _job = job)
            .Returns(Task.CompletedTask);
        _data.Setup(d => d.CopyAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string _, string from, string to, string _, CancellationToken _) =>
            {
                _writes.Add($"copy:{from}->{to}");
                _statusAtCopy.Add(_stored.Status);
                _held[to] = to == CorruptStore ? Corrupt : _held[from];
            })
            .Returns(Task.CompletedTask);
        _data.Setup(d => d.DeleteCopyAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string _, string store, CancellationToken _) => Forget(store))
            .Returns(Task.CompletedTask);
        foreach (var (id, store) in _stores)
        {
            _data.Setup(d => d.InStore(id)).Returns(store.Object);
            store.Setup(s => s.OpenReadAsync(It.IsAny<string>(), 0, null, It.IsAny<CancellationToken>()))
                .ReturnsAsync(() => new MemoryStream(_held[id]));
            store.Setup(s => s.DeleteSealedAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
                .Callback(() => Forget(id))
                .ReturnsAsync(true);
        }
    }

    /// <summary>A store whose copies arrive different from their source.</summary>
    private string? CorruptStore { get; set; }

    private static ImageStoreCatalog TwoStores() =>
        new([new ImageStore("cheap", null, "azure_blob", 0, []), new ImageStore("fast", null, "azure_blob", 0, [])], "fast", multistore: true);

    [Fact]
    public void ForImport_NoStoreNamed_IsTheDefault()
    {
        Assert.Equal(["fast"], TwoStores().ForImport(new ImportRequest(ImportRequest.GlanceDirect, null)));
    }

    [Fact]
    public void ForImport_AllStores_IsEveryStore()
    {
        Assert.Equal(["cheap", "fast"], TwoStores().ForImport(new ImportRequest(ImportRequest.GlanceDirect, null) { AllStores = true }));
    }

    [Fact]
    public void ForImport_HeaderOnly_IsTheHeadersStore()
    {
        Assert.Equal(["cheap"], TwoStores().ForImport(new ImportRequest(ImportRequest.GlanceDirect, null) { StoreHeader = "cheap" }));
    }

    [Theory]
    [InlineData(true, new[] { "cheap" }, null, GlanceErrorKind.Invalid)]
    [InlineData(true, null, "cheap", GlanceErrorKind.Invalid)]
    [InlineData(false, new[] { "cheap" }, "fast", GlanceErrorKind.Invalid)]
    [InlineData(false, new[] { "cheap", "bogus" }, null, GlanceErrorKind.Conflict)]
    [InlineData(false, null, "", GlanceErrorKind.Conflict)]
    public void ForImport_GlancesRefusals(bool allStores, string[]? stores, string? header, GlanceErrorKind expected)
    {
        var request = new ImportRequest(ImportRequest.GlanceDirect, null) { AllStores = allStores, Stores = stores, StoreHeader = header };

        var e = Assert.Throws<GlanceException>(() => TwoStores().ForImport(request));

        Assert.Equal(expected, e.Kind);
    }

    [Fact]
    public void ForImport_WithoutMultistore_IgnoresTheStores()
    {
        Assert.Empty(ImageStoreCatalog.Single.ForImport(new ImportRequest(ImportRequest.GlanceDirect, null) { Stores = ["bogus"], StoreHeader = "x" }));
    }

    [Fact]
    public async Task AcceptImportAsync_GlanceDirectToTwoStores_MarksBothImportingAndRecordsThemInTheTask()
    {
        var image = Staged();

        var task = await _imports.AcceptImportAsync(TestImages.Member("p1"), image.Id, GlanceDirect("cheap", "fast"), null);

        Assert.Equal(["cheap", "fast"], task!.Input.Stores);
        Assert.Equal(ImageStatus.Importing, _stored.Status);
        Assert.Equal("cheap,fast", _stored.ExtraProperties[Image.ImportingToStoresProperty]);
        Assert.Equal("", _stored.ExtraProperties[Image.FailedImportProperty]);
    }

    [Fact]
    public async Task AcceptImportAsync_EmptyStores_IsRefused()
    {
        var e = await Assert.ThrowsAsync<GlanceException>(() => _imports.AcceptImportAsync(TestImages.Member("p1"), Staged().Id, GlanceDirect(), null));

        Assert.Equal(GlanceErrorKind.Invalid, e.Kind);
    }

    [Fact]
    public async Task AcceptImportAsync_CopyImageOfAQueuedImage_IsAConflict()
    {
        var e = await Assert.ThrowsAsync<GlanceException>(() => _imports.AcceptImportAsync(TestImages.Admin, Staged().Id, CopyTo("cheap"), null));

        Assert.Equal(GlanceErrorKind.Conflict, e.Kind);
        Assert.Equal("Only images with status active can be targeted for copying", e.Message);
    }

    [Fact]
    public async Task AcceptImportAsync_GlanceDirectOnAnActiveImage_IsAConflict()
    {
        var e = await Assert.ThrowsAsync<GlanceException>(() => _imports.AcceptImportAsync(TestImages.Member("p1"), ActiveIn("fast").Id, GlanceDirect("cheap"), null));

        Assert.Equal("Image with status active cannot be target for import", e.Message);
    }

    [Fact]
    public async Task AcceptImportAsync_CopyImageByTheOwner_IsForbiddenByCopyImage()
    {
        var e = await Assert.ThrowsAsync<GlanceException>(() => _imports.AcceptImportAsync(TestImages.Member("p1"), ActiveIn("fast").Id, CopyTo("cheap"), null));

        Assert.Equal(GlanceErrorKind.NotAllowed, e.Kind);
    }

    [Fact]
    public async Task AcceptImportAsync_CopyImageToAStoreHoldingIt_IsABadRequest()
    {
        var e = await Assert.ThrowsAsync<GlanceException>(() => _imports.AcceptImportAsync(TestImages.Admin, ActiveIn("fast").Id, CopyTo("cheap", "fast"), null));

        Assert.Equal((GlanceErrorKind.Invalid, "Image is already present at store 'fast'"), (e.Kind, e.Message));
    }

    [Fact]
    public async Task AcceptImportAsync_CopyImageToAllStores_SkipsThoseHoldingIt_AndKeepsTheImageActive()
    {
        var image = ActiveIn("fast");

        var task = await _imports.AcceptImportAsync(TestImages.Admin, image.Id, new ImportRequest(ImportRequest.CopyImage, null) { AllStores = true }, null);

        Assert.Equal(["cheap"], task!.Input.Stores);
        Assert.Equal(ImageStatus.Active, _stored.Status);
        Assert.Equal(task.Id, _stored.ImportTask);
        Assert.Equal("cheap", _stored.ExtraProperties[Image.ImportingToStoresProperty]);
    }

    [Theory]
    [InlineData(ImageTask.Processing, 61, true)]
    [InlineData(ImageTask.Processing, 59, false)]
    [InlineData(ImageTask.Success, 61, true)]
    [InlineData(ImageTask.Pending, 61, false)]
    [InlineData(ImageTask.Pending, 121, true)]
    public async Task AcceptImportAsync_CopyImageOverADeadCopysLock_TakesItOnlyOnceExpired(string status, int minutesAgo, bool taken)
    {
        // A copy-image whose worker died: its lock stays on the active image, and nothing else would take it over.
        var image = ActiveIn("fast");
        var then = DateTimeOffset.UtcNow.AddMinutes(-minutesAgo);
        var dead = new ImageTask(Guid.NewGuid().ToString(), image.Id, ImageTask.ImportType, status, "admins", "u", null,
            ImageTaskInput.For(ImportRequest.CopyImage) with { Stores = ["cheap"] }, null, null, then, then, null);
        _savedTasks.Add(dead);
        _stored.BeginCopy(dead.Id, ["cheap"], then);

        var accept = () => _imports.AcceptImportAsync(TestImages.Admin, image.Id, CopyTo("cheap"), null);

        if (!taken)
        {
            var e = await Assert.ThrowsAsync<GlanceException>(accept);
            Assert.Equal(GlanceErrorKind.Conflict, e.Kind);
            Assert.Equal(dead.Id, _stored.ImportTask);
            return;
        }
        var task = await accept();
        Assert.Equal(task!.Id, _stored.ImportTask);
        Assert.Equal("cheap", _stored.ExtraProperties[Image.ImportingToStoresProperty]);
        var failed = _savedTasks.Last(t => t.Id == dead.Id);
        Assert.Equal(status == ImageTask.Success ? ImageTask.Success : ImageTask.Failure, failed.Status);
        Assert.Equal(status == ImageTask.Success ? null : ImageImportService.ExpiredLockPreempted, failed.Message);
    }

    [Fact]
    public async Task AcceptImportAsync_CopyImageOverTheLockOfATaskThatIsGone_TakesIt()
    {
        var image = ActiveIn("fast");
        _stored.BeginCopy(Guid.NewGuid().ToString(), ["cheap"], TestImages.Now);

        var task = await _imports.AcceptImportAsync(TestImages.Admin, image.Id, CopyTo("cheap"), null);

        Assert.Equal(task!.Id, _stored.ImportTask);
    }

    [Fact]
    public async Task AcceptImportAsync_CopyImageToAllStoresAlreadyHoldingIt_DoesNothing()
    {
        var image = ActiveIn("fast", "cheap");

        var task = await _imports.AcceptImportAsync(TestImages.Admin, image.Id, new ImportRequest(ImportRequest.CopyImage, null) { AllStores = true }, null);

        Assert.Null(task);
        Assert.Null(_job);
    }

    [Fact]
    public async Task AcceptImportAsync_AllStoresMayFailWithoutMultistore_IsABadRequest()
    {
        var options = new ImageDataOptions();
        var (recorder, flow) = TestImages.DataFlow(_images.Object, _data.Object, _tasks.Object, TestImages.Unlimited(), options);
        var single = new ImageImportService(new ImageAccess(_images.Object, ImagePolicy.Default), ImagePolicy.Default, _data.Object, recorder,
            Mock.Of<IWebDownloader>(), _queue.Object, flow, TestImages.Unlimited(), options, TimeProvider.System);

        var e = await Assert.ThrowsAsync<GlanceException>(() => single.AcceptImportAsync(TestImages.Member("p1"), Staged().Id,
            new ImportRequest(ImportRequest.GlanceDirect, null) { AllStoresMustSucceed = false }, null));

        Assert.Equal("All_stores_must_succeed can only be set with enabled_backends None", e.Message);
    }

    [Fact]
    public async Task RunAsync_GlanceDirectToAnotherStore_CopiesVerifiesActivatesThereAndDropsTheStagedBytes()
    {
        var image = Staged();
        await _imports.AcceptImportAsync(TestImages.Member("p1"), image.Id, GlanceDirect("cheap"), null);

        await _runner.RunAsync(_job!);

        Assert.Equal(["copy:fast->cheap", "forget:fast"], _writes);
        Assert.Equal(ImageStatus.Active, _stored.Status);
        Assert.Equal(["cheap"], _stored.Stores);
        Assert.Equal(("", ""), (_stored.ExtraProperties[Image.ImportingToStoresProperty], _stored.ExtraProperties[Image.FailedImportProperty]));
        Assert.Equal(ImageTask.Success, _savedTasks[^1].Status);
    }

    [Fact]
    public async Task RunAsync_AStoreFailsAndAllMustSucceed_FailsTheTaskAndReturnsTheImageToQueued()
    {
        CorruptStore = "cheap";
        var image = Staged();
        await _imports.AcceptImportAsync(TestImages.Member("p1"), image.Id, GlanceDirect("fast", "cheap"), null);

        await _runner.RunAsync(_job!);

        Assert.Equal(ImageStatus.Queued, _stored.Status);
        Assert.Empty(_stored.Stores);
        Assert.Equal("cheap", _stored.ExtraProperties[Image.FailedImportProperty]);
        Assert.Equal(ImageTask.Failure, _savedTasks[^1].Status);
        Assert.Contains("cheap", _savedTasks[^1].Message, StringComparison.Ordinal);
        Assert.Empty(_held);
    }

    [Fact]
    public async Task RunAsync_AStoreFailsAndAllNeedNotSucceed_ActivatesInTheOthersAndRecordsTheFailure()
    {
        CorruptStore = "cheap";
        var image = Staged();
        await _imports.AcceptImportAsync(TestImages.Member("p1"), image.Id, GlanceDirect("fast", "cheap") with { AllStoresMustSucceed = false }, null);

        await _runner.RunAsync(_job!);

        Assert.Equal(ImageStatus.Active, _stored.Status);
        Assert.Equal(["fast"], _stored.Stores);
        Assert.Equal(("", "cheap"), (_stored.ExtraProperties[Image.ImportingToStoresProperty], _stored.ExtraProperties[Image.FailedImportProperty]));
        Assert.Equal(ImageTask.Success, _savedTasks[^1].Status);
        Assert.False(_held.ContainsKey("cheap"));
    }

    [Fact]
    public async Task RunAsync_AllNeedNotSucceed_ActivatesAtTheFirstStoreThenCopiesToTheOthersUnderTheLock()
    {
        var image = Staged();
        await _imports.AcceptImportAsync(TestImages.Member("p1"), image.Id, GlanceDirect("fast", "cheap") with { AllStoresMustSucceed = false }, null);

        await _runner.RunAsync(_job!);

        Assert.Equal(["copy:fast->cheap"], _writes);
        Assert.Equal([ImageStatus.Active], _statusAtCopy);
        Assert.Equal(ImageStatus.Active, _stored.Status);
        Assert.Equal(["fast", "cheap"], _stored.Stores);
        Assert.Null(_stored.ImportTask);
        Assert.Equal(("", ""), (_stored.ExtraProperties[Image.ImportingToStoresProperty], _stored.ExtraProperties[Image.FailedImportProperty]));
        Assert.Equal(ImageTask.Success, _savedTasks[^1].Status);
    }

    [Fact]
    public async Task RunAsync_AllNeedNotSucceedAndTheFirstStoreFails_ActivatesAtTheNextAndRecordsTheFailure()
    {
        CorruptStore = "cheap";
        var image = Staged();
        await _imports.AcceptImportAsync(TestImages.Member("p1"), image.Id, GlanceDirect("cheap", "fast") with { AllStoresMustSucceed = false }, null);

        await _runner.RunAsync(_job!);

        Assert.Equal([ImageStatus.Importing], _statusAtCopy);
        Assert.Equal(ImageStatus.Active, _stored.Status);
        Assert.Equal(["fast"], _stored.Stores);
        Assert.Null(_stored.ImportTask);
        Assert.Equal(("", "cheap"), (_stored.ExtraProperties[Image.ImportingToStoresProperty], _stored.ExtraProperties[Image.FailedImportProperty]));
        Assert.Equal(ImageTask.Success, _savedTasks[^1].Status);
        Assert.False(_held.ContainsKey("cheap"));
    }

    [Fact]
    public async Task RunAsync_AllMustSucceed_ActivatesOnlyOnceEveryStoreHoldsTheBytes()
    {
        var image = Staged();
        await _imports.AcceptImportAsync(TestImages.Member("p1"), image.Id, GlanceDirect("fast", "cheap"), null);

        await _runner.RunAsync(_job!);

        Assert.Equal([ImageStatus.Importing], _statusAtCopy);
        Assert.Equal(ImageStatus.Active, _stored.Status);
        Assert.Equal(["fast", "cheap"], _stored.Stores);
    }

    [Fact]
    public async Task RunAsync_CopyImage_AddsTheVerifiedCopyAndTheImageStaysActiveWithoutItsLock()
    {
        var image = ActiveIn("fast");
        await _imports.AcceptImportAsync(TestImages.Admin, image.Id, CopyTo("cheap"), null);

        var outcome = await _runner.RunAsync(_job!);

        Assert.Equal(ImportRunOutcome.Ran, outcome);
        Assert.Equal(["copy:fast->cheap"], _writes);
        Assert.Equal(ImageStatus.Active, _stored.Status);
        Assert.Equal(["fast", "cheap"], _stored.Stores);
        Assert.Null(_stored.ImportTask);
        Assert.Equal(("", ""), (_stored.ExtraProperties[Image.ImportingToStoresProperty], _stored.ExtraProperties[Image.FailedImportProperty]));
        Assert.Equal(ImageTask.Success, _savedTasks[^1].Status);
        _data.Verify(d => d.WriteAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task RunAsync_CopyImageArrivesDifferent_DeletesTheCopyFailsTheTaskAndKeepsTheImageAsItWas()
    {
        CorruptStore = "cheap";
        var image = ActiveIn("fast");
        await _imports.AcceptImportAsync(TestImages.Admin, image.Id, CopyTo("cheap"), null);

        await _runner.RunAsync(_job!);

        Assert.Equal(ImageStatus.Active, _stored.Status);
        Assert.Equal(["fast"], _stored.Stores);
        Assert.Null(_stored.ImportTask);
        Assert.Equal("cheap", _stored.ExtraProperties[Image.FailedImportProperty]);
        Assert.Equal(ImageTask.Failure, _savedTasks[^1].Status);
        Assert.Contains("checksum", _savedTasks[^1].Message, StringComparison.Ordinal);
        Assert.False(_held.ContainsKey("cheap"));
    }

    private static ImportRequest GlanceDirect(params string[] stores) => new(ImportRequest.GlanceDirect, null) { Stores = stores };

    private static ImportRequest CopyTo(params string[] stores) => new(ImportRequest.CopyImage, null) { Stores = stores };

    private void Forget(string store)
    {
        _writes.Add("forget:" + store);
        _held.Remove(store);
    }

    /// <summary>Bytes staged in the default store, as PUT /stage leaves them.</summary>
    private Image Staged()
    {
        var image = new Image(Guid.NewGuid().ToString(), TestImages.Now) { Owner = "p1", DiskFormat = "raw", ContainerFormat = "bare" };
        image.Stage("lease", TestImages.Now);
        image.MarkStaged("lease", Bytes.Length, TestImages.Now);
        _held["fast"] = Bytes;
        return Hold(image);
    }

    private Image ActiveIn(params string[] stores)
    {
        var image = new Image(Guid.NewGuid().ToString(), TestImages.Now) { Owner = "p1", DiskFormat = "raw", ContainerFormat = "bare" };
        image.BeginSaving("lease", TestImages.Now, stores[0]);
        var facts = new ImageDataFacts(Bytes.Length, Convert.ToHexStringLower(MD5.HashData(Bytes)), "sha512",
            Convert.ToHexStringLower(SHA512.HashData(Bytes)), new Glance.FormatInspection.ImageFormatInspector().Finish());
        image.Activate(facts, Bytes.Length, TestImages.Now, stores);
        foreach (var store in stores)
        {
            _held[store] = Bytes;
        }
        return Hold(image);
    }

    private Image Hold(Image image)
    {
        _stored = image;
        _images.Holds(image.Id, () => Image.Restore(_stored.ToSnapshot()));
        _tasks.Setup(t => t.FindAsync(image.Id, It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string id, CancellationToken _) => _savedTasks.LastOrDefault(t => t.Id == id));
        return image;
    }
}
