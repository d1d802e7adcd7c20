namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// Multistore on both sides, with the same two store ids: the reference Glance with two file stores
/// (<c>enabled_backends = cheap:file, fast:file</c>, default fast, each in its own folder) and ours over Azurite with
/// two containers, in trusted-header mode, both offering glance-direct, web-download and copy-image.
/// </summary>
public sealed class MultistoreGlance : IAsyncLifetime
{
    public const string CheapContainer = "cheap-images";
    public const string FastContainer = "fast-images";

    public AzuriteProcess Azurite { get; private set; } = null!;
    public LocalHostInstance Ours { get; private set; } = null!;
    public ReferenceGlance Reference { get; } = new(enforceScope: false, new Dictionary<string, string>
    {
        ["GLANCE_STORES"] = "cheap,fast",
        ["GLANCE_DEFAULT_STORE"] = "fast",
        // Ours offers copy-image by default with two stores.
        ["OS_DEFAULT__ENABLED_IMPORT_METHODS"] = "[glance-direct,web-download,copy-image]",
    });

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteProcess.StartAsync();
        var start = Reference.InitializeAsync();
        Ours = await LocalHostInstance.StartAsync(Azurite, "trusted", new Dictionary<string, string?>
        {
            ["Glance:Stores:Default"] = "fast",
            ["Glance:Stores:cheap:Container"] = CheapContainer,
            ["Glance:Stores:cheap:AccessTier"] = "Cool",
            ["Glance:Stores:cheap:Description"] = "cheap store",
            ["Glance:Stores:fast:Container"] = FastContainer,
            ["Glance:Stores:fast:Description"] = "fast store",
            ["Glance:LocalHost:BlobPolling:Interval"] = "00:00:00.200",
            ["Glance:LocalHost:QueuePolling:Interval"] = "00:00:00.200",
        });
        await start;
    }

    public async Task DisposeAsync()
    {
        await Reference.DisposeAsync();
        await Ours.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    public Azure.Storage.Blobs.BlobContainerClient Container(string name) =>
        new Azure.Storage.Blobs.BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient(name);

    public HttpClient Client(string project = "p1", string roles = "member,reader")
    {
        var client = new HttpClient { BaseAddress = new Uri(Ours.BaseUrl) };
        client.DefaultRequestHeaders.Add("X-Identity-Status", "Confirmed");
        client.DefaultRequestHeaders.Add("X-Project-Id", project);
        client.DefaultRequestHeaders.Add("X-User-Id", "u-" + project);
        client.DefaultRequestHeaders.Add("X-Roles", roles);
        client.DefaultRequestHeaders.Add("Accept", "application/json");
        return client;
    }
}
