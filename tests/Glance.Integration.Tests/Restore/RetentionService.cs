using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests.Restore;

/// <summary>
/// A trusted-mode local host that keeps deleted images for an hour (Glance:Images:DeletedRetention), over an Azurite of
/// its own so that the shared hosts (retention off) neither delete nor purge what it keeps; with a project quota to
/// refuse a restore against, and a collector for its events.
/// </summary>
public sealed class RetentionService : IAsyncLifetime
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>A project that may own one image (image_count_total).</summary>
    public const string OneImageProject = "restore-one-image";

    public AzuriteProcess Azurite { get; private set; } = null!;
    public LocalHostInstance Host { get; private set; } = null!;
    public EventCollector Events { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteProcess.StartAsync();
        Events = await EventCollector.StartAsync();
        Host = await LocalHostInstance.StartAsync(Azurite, "trusted", new Dictionary<string, string?>
        {
            ["Glance:Images:DeletedRetention"] = Window.ToString(),
            ["Glance:LocalHost:BlobPolling:Interval"] = "00:00:00.200",
            ["Glance:Events:Webhooks:0"] = Events.Url,
            ["Glance:Quotas:Projects:" + OneImageProject + ":ImageCountTotal"] = "1",
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Events.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    public HttpClient Client(string project, string roles = "member,reader") => Host.Client(project, roles);

    public Azure.Storage.Blobs.BlobClient ImageBlob(string imageId) => Azurite.Blob("images", imageId);

    public Azure.Storage.Blobs.BlobClient UploadBlob(string imageId) => Azurite.Blob("uploads", imageId);
}

[CollectionDefinition(Name)]
public sealed class RetentionServiceCollection : ICollectionFixture<RetentionService>
{
    public const string Name = "retention service";
}
