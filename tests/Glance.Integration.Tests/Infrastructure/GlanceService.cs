namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// One Azurite and two local hosts over it, shared by the tests of a collection: one in trusted-header mode
/// (projects and roles from X-Project-Id / X-Roles, 401 without X-Identity-Status) and one in noauth mode
/// (what the OpenStack CLIs use without Keystone).
/// </summary>
public sealed class GlanceService : IAsyncLifetime
{
    public AzuriteProcess Azurite { get; private set; } = null!;
    public LocalHostInstance Trusted { get; private set; } = null!;
    public LocalHostInstance NoAuth { get; private set; } = null!;
    public TestFileServer Files { get; private set; } = null!;
    public EventCollector Events { get; private set; } = null!;

    /// <summary>The trusted host's image_size_cap, small enough for a test to exceed it.</summary>
    public const long SizeCap = 16 * 1024 * 1024;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteProcess.StartAsync();
        Files = await TestFileServer.StartAsync();
        Events = await EventCollector.StartAsync();
        // Web-download may reach the test's own file server on loopback, and nothing else.
        var settings = new Dictionary<string, string?>
        {
            ["Glance:Import:WebDownload:AllowNonPublicAddresses"] = "true",
            ["Glance:Import:WebDownload:AllowedPorts:0"] = Files.Port.ToString(),
            ["Glance:LocalHost:BlobPolling:Interval"] = "00:00:00.200",
            ["Glance:LocalHost:Timers:Interval"] = "00:00:01",
            ["Glance:Events:Webhooks:0"] = Events.Url,
            ["Glance:Events:Source"] = "/glance/tests",
            ["Glance:Events:MaxRetryDelay"] = "00:00:02",
        };
        Trusted = await LocalHostInstance.StartAsync(Azurite, "trusted", new Dictionary<string, string?>(settings)
        {
            ["Glance:Data:ImageSizeCap"] = SizeCap.ToString(),
        });
        NoAuth = await LocalHostInstance.StartAsync(Azurite, "noauth", settings);
    }

    public async Task DisposeAsync()
    {
        await Files.DisposeAsync();
        await Events.DisposeAsync();
        await NoAuth.DisposeAsync();
        await Trusted.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    public HttpClient Client(string project = "p1", string roles = "member,reader", string? user = null) => Trusted.Client(project, roles, user);

    public Azure.Storage.Blobs.BlobClient ImageBlob(string imageId) => Azurite.Blob("images", imageId);

    public HttpClient AnonymousClient(bool noAuth = false) => new() { BaseAddress = new Uri(noAuth ? NoAuth.BaseUrl : Trusted.BaseUrl) };
}

[CollectionDefinition(Name)]
public sealed class GlanceServiceCollection : ICollectionFixture<GlanceService>
{
    public const string Name = "glance service";
}
