using System.Security.Cryptography;
using Glance.Domain;
using Glance.Domain.Application;
using Glance.Domain.Data;
using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Importing;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Glance.Domain.Stores;
using Glance.Domain.Tasks;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Glance.Domain.Tests.Locations;

/// <summary>
/// The locations API (2.17): POST up to its 202 (every check, in order, and one 400 for every URL that names nothing
/// the caller may take), the location_import job that clones the source's bytes, and GET.
/// </summary>
public sealed class ImageLocationTests
{
    private static readonly byte[] Bytes = new byte[4096];
    private static readonly string Sha512 = Convert.ToHexStringLower(SHA512.HashData(Bytes));
    private static readonly string Md5 = Convert.ToHexStringLower(MD5.HashData(Bytes));

    private readonly FakeTimeProvider _clock = new(TestImages.Now);
    private readonly Mock<IImageRepository> _images = new();
    private readonly Mock<IImageTaskRepository> _tasks = new();
    private readonly Mock<IImageDataStore> _data = new();
    private readonly Mock<IImportQueue> _queue = new();
    private readonly Dictionary<string, ImageSnapshot> _stored = [];
    private readonly Dictionary<string, ImageTask> _storedTasks = [];
    private readonly List<string> _writes = [];
    private readonly List<ImageEvent> _events = [];
    private ImageDataOptions _options = new();
    private ImageServiceOptions _imageOptions = new();
    private ImageLocationService _locations = null!;
    private ImageImportRunner _runner = null!;

    public ImageLocationTests()
    {
        Wire(new ImageDataOptions());
        _images.Setup(r => r.SaveAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()))
            .Callback((Image image, IReadOnlyList<ImageEvent> events, CancellationToken _) =>
            {
                _stored[image.Id] = image.ToSnapshot();
                _writes.Add("image:" + image.Status.ToWire());
                _events.AddRange(events);
            })
            .Returns(Task.CompletedTask);
        _images.Setup(r => r.AppendEventsAsync(It.IsAny<string>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()))
            .Callback((string _, IReadOnlyList<ImageEvent> events, CancellationToken _) => _events.AddRange(events))
            .Returns(Task.CompletedTask);
        _tasks.Setup(t => t.SaveAsync(It.IsAny<ImageTask>(), It.IsAny<CancellationToken>()))
            .Callback((ImageTask task, CancellationToken _) =>
            {
                _storedTasks[task.Id] = task;
                _writes.Add("task:" + task.Status);
            })
            .Returns(Task.CompletedTask);
        _tasks.Setup(t => t.FindAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string id, CancellationToken _) => _storedTasks.GetValueOrDefault(id));
        _tasks.Setup(t => t.TryReplaceAsync(It.IsAny<ImageTask>(), It.IsAny<ImageTask>(), It.IsAny<CancellationToken>()))
            .Returns((ImageTask current, ImageTask next, CancellationToken _) =>
            {
                if (_storedTasks[current.Id].Status != current.Status)
                {
                    return Task.FromResult(false);
                }
                _storedTasks[next.Id] = next;
                _writes.Add("begin:" + next.Status);
                return Task.FromResult(true);
            });
        _queue.Setup(q => q.EnqueueAsync(It.IsAny<ImportJob>(), It.IsAny<CancellationToken>()))
            .Callback((ImportJob job, CancellationToken _) => _writes.Add("queued:" + job.ImageId))
            .Returns(Task.CompletedTask);
        _data.Setup(d => d.InStore(It.IsAny<string>())).Returns(_data.Object);
        _data.Setup(d => d.DeleteSealedAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
    }

    private static Caller Service(string project) => new(project, "nova", new HashSet<string> { "service" });

    private static Caller Reader(string project) => new(project, "r-" + project, new HashSet<string> { "reader" });

    private static LocationRequest Request(string url, UploadExpectations? declared = null) => new(url, declared ?? UploadExpectations.None);

    private static string Url(string store, string imageId) => $"loc://{store}/{imageId}";

    /// <summary>Test URLs: loc://{store}/{image id}, for the configured stores only.</summary>
    private sealed class TestLocations(ImageDataOptions options) : IImageLocations
    {
        public ImageLocation? Find(string url) =>
            url.StartsWith("loc://", StringComparison.Ordinal) && url[6..].Split('/') is [var store, var id] && options.Stores.Contains(store)
                ? new ImageLocation(store, id)
                : null;

        public string UrlOf(ImageLocation location) => Url(location.StoreId, location.ImageId);
    }

    private void Wire(ImageDataOptions options)
    {
        _options = options;
        var (recorder, flow) = TestImages.DataFlow(_images.Object, _data.Object, _tasks.Object, TestImages.Unlimited(), options, _clock);
        var access = new ImageAccess(_images.Object, ImagePolicy.Default);
        var downloads = new ImageDataService(access, ImagePolicy.Default, _images.Object, _data.Object, Mock.Of<IDataUrlIssuer>(), _tasks.Object,
            recorder, flow, TestImages.Unlimited(), options, _clock);
        var locations = new TestLocations(options);
        _locations = new ImageLocationService(access, ImagePolicy.Default, downloads, locations, flow, recorder, _queue.Object, TestImages.Unlimited(),
            options, _imageOptions, _clock);
        _runner = new ImageImportRunner(_images.Object, _tasks.Object, recorder, flow, new ImageStoreCopier(_data.Object, flow, recorder, options, _clock),
            _data.Object, options, Mock.Of<IWebDownloader>(), new WebDownloadOptions(), _clock, locations);
    }

    private static ImageStoreCatalog TwoStores() => new(
        [new ImageStore("fast", null, "azure_blob", 0, []), new ImageStore("slow", null, "azure_blob", 0, [])], "fast", multistore: true);

    private Image Store(Image image)
    {
        _stored[image.Id] = image.ToSnapshot();
        _images.Holds(image.Id, () => _stored.TryGetValue(image.Id, out var s) ? Image.Restore(s) : null);
        return image;
    }

    private Image Queued(string owner = "p1", string? diskFormat = "raw") =>
        Store(new Image(Guid.NewGuid().ToString(), TestImages.Now) { Owner = owner, DiskFormat = diskFormat, ContainerFormat = "bare" });

    private Image ActiveSource(string owner = "p1", string visibility = ImageVisibility.Private, IReadOnlyList<string>? stores = null, Action<Image>? then = null)
    {
        var image = new Image(Guid.NewGuid().ToString(), TestImages.Now) { Owner = owner, Visibility = visibility, DiskFormat = "raw", ContainerFormat = "bare" };
        image.BeginSaving("source-lease", TestImages.Now);
        image.Activate(new ImageDataFacts(Bytes.Length, Md5, "sha512", Sha512, new Glance.FormatInspection.ImageFormatInspector().Finish()), Bytes.Length,
            TestImages.Now, stores);
        then?.Invoke(image);
        return Store(image);
    }

    private Image Current(string imageId) => Image.Restore(_stored[imageId]);

    private async Task<GlanceException> RefusedAsync(Caller caller, string imageId, LocationRequest request)
    {
        var e = await Assert.ThrowsAsync<GlanceException>(() => _locations.AddLocationAsync(caller, imageId, () => request, null));
        Assert.DoesNotContain(_writes, w => w.StartsWith("image:", StringComparison.Ordinal) || w.StartsWith("queued:", StringComparison.Ordinal));
        return e;
    }

    // POST, up to the 202.

    [Fact]
    public async Task AddLocationAsync_CopyOfAnActiveImage_TakesTheImportLockRecordsAPendingLocationImportAndQueuesTheJob()
    {
        var source = ActiveSource();
        var target = Queued();
        var declared = new UploadExpectations(null, null, "sha512", Sha512);

        var task = await _locations.AddLocationAsync(TestImages.Member("p1"), target.Id, () => Request(Url("default", source.Id), declared), "req-1");

        Assert.Equal(["image:importing", "task:pending", "queued:" + target.Id], _writes);
        Assert.Equal((ImageTask.LocationImportType, ImageTask.Pending, "req-1"), (task.Type, task.Status, task.RequestId));
        Assert.Equal((Url("default", source.Id), declared), (task.Input.LocationUrl, task.Input.ValidationData));
        var importing = Current(target.Id);
        Assert.Equal((task.Id, (string?)null), (importing.ImportTask, importing.DataStore));
        Assert.Equal(declared, importing.Expectations);
        _queue.Verify(q => q.EnqueueAsync(new ImportJob(target.Id, task.Id, null), It.IsAny<CancellationToken>()));
        Assert.Equal(["image.update", "image.prepare", "task.create"], _events.Select(e => e.Type));
    }

    [Fact]
    public async Task AddLocationAsync_ServiceOfAnotherProject_MayAddToAnImageItSees()
    {
        var source = ActiveSource(visibility: ImageVisibility.Public);
        var target = Store(new Image(Guid.NewGuid().ToString(), TestImages.Now)
        {
            Owner = "p1", Visibility = ImageVisibility.Public, DiskFormat = "raw", ContainerFormat = "bare",
        });

        // A service reads the source as anyone does: download_image (member) on an image it sees.
        var nova = new Caller("services", "nova", new HashSet<string> { "service", "member", "reader" });

        await _locations.AddLocationAsync(nova, target.Id, () => Request(Url("default", source.Id)), null);

        Assert.Equal(ImageStatus.Importing, Current(target.Id).Status);
    }

    [Fact]
    public async Task AddLocationAsync_AnotherProjectsPrivateImage_Is404BeforeTheBodyIsRead()
    {
        var target = Queued(owner: "p2");

        var e = await Assert.ThrowsAsync<GlanceException>(() => _locations.AddLocationAsync(
            TestImages.Member("p1"), target.Id, () => throw new InvalidOperationException("the body must not be read"), null));

        Assert.Equal(GlanceErrorKind.NotFound, e.Kind);
    }

    [Fact]
    public async Task AddLocationAsync_ReaderOfTheProject_Is403BeforeTheBodyIsRead()
    {
        var target = Queued();

        var e = await Assert.ThrowsAsync<GlanceException>(() => _locations.AddLocationAsync(
            Reader("p1"), target.Id, () => throw new InvalidOperationException("the body must not be read"), null));

        Assert.Equal((GlanceErrorKind.NotAllowed, "You are not authorized to complete add_image_location action."), (e.Kind, e.Message));
    }

    [Theory]
    [InlineData("sha256", null)]
    [InlineData("sha512", "abcd")]
    public async Task AddLocationAsync_HashTheServiceCannotVerify_Is400(string algo, string? value)
    {
        var source = ActiveSource();
        var target = Queued();

        var e = await RefusedAsync(TestImages.Member("p1"), target.Id,
            Request(Url("default", source.Id), new UploadExpectations(null, null, algo, value ?? new string('a', 64))));

        Assert.Equal(GlanceErrorKind.Invalid, e.Kind);
    }

    [Fact]
    public async Task AddLocationAsync_ImageNotQueued_Is409WithGlancesMessage()
    {
        var source = ActiveSource();
        var target = ActiveSource();

        var e = await RefusedAsync(TestImages.Member("p1"), target.Id, Request(Url("default", source.Id)));

        Assert.Equal((GlanceErrorKind.Conflict, "It's not allowed to add locations if image status is active."), (e.Kind, e.Message));
    }

    [Fact]
    public async Task AddLocationAsync_FormatsNotSet_Is400AsForAnUpload()
    {
        var source = ActiveSource();
        var target = Queued(diskFormat: null);

        var e = await RefusedAsync(TestImages.Member("p1"), target.Id, Request(Url("default", source.Id)));

        Assert.Equal((GlanceErrorKind.Invalid, "Properties disk_format must be set prior to saving data."), (e.Kind, e.Message));
    }

    public static TheoryData<string> UnusableSources() =>
    [
        "no store copy",
        "itself",
        "another project's private image",
        "a queued image",
        "a deactivated image",
        "a deleted image",
        "an image that does not exist",
        "an obsolete image",
    ];

    [Theory]
    [MemberData(nameof(UnusableSources))]
    public async Task AddLocationAsync_UrlNamingNothingTheCallerMayTake_IsTheSame400(string what)
    {
        var target = Queued();
        var url = what switch
        {
            "no store copy" => "https://example.com/x",
            "itself" => Url("default", target.Id),
            "another project's private image" => Url("default", ActiveSource(owner: "p2").Id),
            "a queued image" => Url("default", Queued().Id),
            "a deactivated image" => Url("default", ActiveSource(then: i => i.Deactivate(TestImages.Now)).Id),
            "a deleted image" => Url("default", ActiveSource(then: i => i.MarkDeleted(TestImages.Now)).Id),
            "an obsolete image" => Url("default", ActiveSource(then: i =>
            {
                i.SetProperty(ImageFamilies.DeprecatedProperty, "true");
                i.SetProperty(ImageFamilies.ObsoleteAtProperty, "2026-01-01T00:00:00Z");
            }).Id),
            _ => Url("default", Guid.NewGuid().ToString()),
        };

        var e = await RefusedAsync(TestImages.Member("p1"), target.Id, Request(url));

        Assert.Equal((GlanceErrorKind.Invalid, GlanceErrors.InvalidLocation().Message), (e.Kind, e.Message));
    }

    [Fact]
    public async Task AddLocationAsync_StoreThatDoesNotHoldTheSource_IsTheSame400()
    {
        Wire(new ImageDataOptions { Stores = TwoStores() });
        var source = ActiveSource(stores: ["fast"]);
        var target = Queued();

        var e = await RefusedAsync(TestImages.Member("p1"), target.Id, Request(Url("slow", source.Id)));

        Assert.Equal(GlanceErrors.InvalidLocation().Message, e.Message);
    }

    [Fact]
    public async Task AddLocationAsync_SourceAboveTheSizeCap_IsRefusedAsAnUploadOfThatSize()
    {
        Wire(new ImageDataOptions { ImageSizeCap = 1024 });
        var source = ActiveSource();
        var target = Queued();

        var e = await RefusedAsync(TestImages.Member("p1"), target.Id, Request(Url("default", source.Id)));

        Assert.Equal(GlanceErrorKind.LimitExceeded, e.Kind);
    }

    [Fact]
    public async Task AddLocationAsync_Multistore_ImportsIntoTheUrlsStore()
    {
        Wire(new ImageDataOptions { Stores = TwoStores() });
        var source = ActiveSource(stores: ["fast", "slow"]);
        var target = Queued();

        await _locations.AddLocationAsync(TestImages.Member("p1"), target.Id, () => Request(Url("slow", source.Id)), null);

        Assert.Equal("slow", Current(target.Id).DataStore);
    }

    // The job.

    private async Task<(Image Source, Image Target, ImageTask Task)> AcceptedAsync(UploadExpectations? declared = null, string store = "default",
        IReadOnlyList<string>? stores = null)
    {
        var source = ActiveSource(stores: stores);
        var target = Queued();
        var task = await _locations.AddLocationAsync(TestImages.Member("p1"), target.Id, () => Request(Url(store, source.Id), declared), null);
        _data.Setup(d => d.OpenReadAsync(target.Id, 0, null, It.IsAny<CancellationToken>())).ReturnsAsync(() => new MemoryStream(Bytes));
        _writes.Clear();
        _events.Clear();
        return (source, target, task);
    }

    [Fact]
    public async Task RunAsync_LocationImport_CopiesTheSourceServerSideAndActivatesWithItsFacts()
    {
        var (source, target, task) = await AcceptedAsync(new UploadExpectations(null, Md5, "sha512", Sha512));
        var leaseId = Current(target.Id).DataLeaseId!;

        var outcome = await _runner.RunAsync(new ImportJob(target.Id, task.Id));

        Assert.Equal(ImportRunOutcome.Ran, outcome);
        Assert.Equal(["begin:processing", "image:active", "task:success"], _writes);
        _data.Verify(d => d.CopyFromImageAsync(source.Id, target.Id, ImageStoreCatalog.SingleStoreId, leaseId, It.IsAny<CancellationToken>()));
        var active = Current(target.Id);
        Assert.Equal((ImageStatus.Active, (long?)Bytes.Length, Md5, "sha512", Sha512), (active.Status, active.Size, active.Checksum, active.OsHashAlgo, active.OsHashValue));
        Assert.Empty(active.Stores);
        Assert.Null(active.ImportTask);
        Assert.Equal(["task.processing", "image.update", "image.upload", "image.activate", "task.success"], _events.Select(e => e.Type));
    }

    [Fact]
    public async Task RunAsync_Multistore_ActivatesInTheUrlsStore()
    {
        Wire(new ImageDataOptions { Stores = TwoStores() });
        var (source, target, task) = await AcceptedAsync(store: "slow", stores: ["fast", "slow"]);
        _data.Setup(d => d.InStore("slow")).Returns(_data.Object);

        await _runner.RunAsync(new ImportJob(target.Id, task.Id));

        _data.Verify(d => d.CopyFromImageAsync(source.Id, target.Id, "slow", It.IsAny<string>(), It.IsAny<CancellationToken>()));
        Assert.Equal(["slow"], Current(target.Id).Stores);
    }

    [Fact]
    public async Task RunAsync_HashMismatch_FailsTheTaskWithGlancesMessageAndQueuesTheImageWithoutTheCopy()
    {
        var given = new string('b', 128);
        var (_, target, task) = await AcceptedAsync(new UploadExpectations(null, null, "sha512", given));
        var leaseId = Current(target.Id).DataLeaseId!;

        await _runner.RunAsync(new ImportJob(target.Id, task.Id));

        Assert.Equal(["begin:processing", "task:failure", "image:queued"], _writes);
        Assert.Equal($"os_hash_value: ({given}) not matched with actual os_hash_value: ({Sha512})", _storedTasks[task.Id].Message);
        var queued = Current(target.Id);
        Assert.Equal((ImageStatus.Queued, (string?)null, (string?)null, (string?)null, (string?)null),
            (queued.Status, queued.Checksum, queued.OsHashAlgo, queued.OsHashValue, queued.ImportTask));
        _data.Verify(d => d.DeleteSealedAsync(target.Id, leaseId, It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task RunAsync_SourceDeactivatedSinceTheRequest_FailsWithoutCopying()
    {
        var (source, target, task) = await AcceptedAsync();
        var deactivated = Current(source.Id);
        deactivated.Deactivate(TestImages.Now);
        _stored[source.Id] = deactivated.ToSnapshot();

        await _runner.RunAsync(new ImportJob(target.Id, task.Id));

        Assert.Equal(GlanceErrors.LocationSourceUnavailable().Message, _storedTasks[task.Id].Message);
        Assert.Equal(ImageStatus.Queued, Current(target.Id).Status);
        _data.Verify(d => d.CopyFromImageAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task RunAsync_DeliveredTwice_CopiesOnce()
    {
        var (_, target, task) = await AcceptedAsync();

        await _runner.RunAsync(new ImportJob(target.Id, task.Id));
        var again = await _runner.RunAsync(new ImportJob(target.Id, task.Id));

        Assert.Equal(ImportRunOutcome.Finished, again);
        _data.Verify(d => d.CopyFromImageAsync(It.IsAny<string>(), target.Id, It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public void LocationImport_IsNotRunAgainByATakeover()
    {
        var task = ImageTask.AcceptLocation("img", ImageTaskInput.ForLocation("loc://default/x", UploadExpectations.None), TestImages.Member("p1"), null, TestImages.Now);

        Assert.False(task.CanRunAgain);
    }

    // GET.

    [Fact]
    public async Task ListLocationsAsync_ActiveImageWithoutStores_IsItsCopyInTheDefaultStore()
    {
        var image = ActiveSource();

        var found = await _locations.ListLocationsAsync(Service("p1"), image.Id);

        Assert.Equal([new ImageLocation(ImageStoreCatalog.SingleStoreId, image.Id)], found);
    }

    [Fact]
    public async Task ListLocationsAsync_Multistore_IsOneLocationPerStoreInOrder()
    {
        Wire(new ImageDataOptions { Stores = TwoStores() });
        var image = ActiveSource(stores: ["slow", "fast"]);

        var found = await _locations.ListLocationsAsync(Service("p1"), image.Id);

        Assert.Equal([new ImageLocation("slow", image.Id), new ImageLocation("fast", image.Id)], found);
    }

    [Fact]
    public async Task ListLocationsAsync_DeactivatedImageWithoutStores_StillHasItsCopy()
    {
        var image = ActiveSource(then: i => i.Deactivate(TestImages.Now));

        Assert.Single(await _locations.ListLocationsAsync(Service("p1"), image.Id));
    }

    [Fact]
    public async Task ListLocationsAsync_QueuedImage_IsEmpty()
    {
        var image = Queued();

        Assert.Empty(await _locations.ListLocationsAsync(Service("p1"), image.Id));
    }

    [Fact]
    public async Task ListLocationsAsync_AdminWithoutTheServiceRole_Is403()
    {
        var image = ActiveSource();

        var e = await Assert.ThrowsAsync<GlanceException>(() => _locations.ListLocationsAsync(TestImages.Admin, image.Id));

        Assert.Equal((GlanceErrorKind.NotAllowed, "You are not authorized to complete fetch_image_location action."), (e.Kind, e.Message));
    }

    [Fact]
    public void ShownTo_NeitherOptionOn_IsNothing()
    {
        Assert.Null(_locations.ShownTo(TestImages.Member("p1")));
    }

    [Fact]
    public void ShownTo_ShowMultipleLocations_IsTheCopiesToReadersOfTheProjectAndNoneToOthers()
    {
        _imageOptions = new ImageServiceOptions { ShowMultipleLocations = true };
        Wire(new ImageDataOptions());
        var image = ActiveSource(visibility: ImageVisibility.Public);

        Assert.Equal([new ImageLocation(ImageStoreCatalog.SingleStoreId, image.Id)], _locations.ShownTo(Reader("p1"))!(image));
        Assert.Empty(_locations.ShownTo(TestImages.Member("p2"))!(image));
    }

    [Fact]
    public async Task ListLocationsAsync_ImageNotVisible_Is404()
    {
        var image = ActiveSource(owner: "p2");

        var e = await Assert.ThrowsAsync<GlanceException>(() => _locations.ListLocationsAsync(TestImages.Member("p1"), image.Id));

        Assert.Equal(GlanceErrorKind.NotFound, e.Kind);
    }
}
