using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests.Locations;

/// <summary>
/// Two trusted-mode local hosts for the locations API, each over an Azurite of its own (every host reading an Azurite's
/// import queue runs the jobs queued there, and the two see different stores): one without configured stores (the
/// original <c>images</c> container) showing locations and direct_url in images, one with two stores, <c>fast</c>
/// (default) and <c>cheap</c>, showing neither.
/// </summary>
public sealed class LocationsService : IAsyncLifetime
{
    public const string FastContainer = "fast-images";
    public const string CheapContainer = "cheap-images";

    public AzuriteProcess SingleAzurite { get; private set; } = null!;
    public AzuriteProcess MultiAzurite { get; private set; } = null!;
    public LocalHostInstance Single { get; private set; } = null!;
    public LocalHostInstance Multi { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var polling = new Dictionary<string, string?>
        {
            ["Glance:LocalHost:BlobPolling:Interval"] = "00:00:00.200",
            ["Glance:LocalHost:QueuePolling:Interval"] = "00:00:00.100",
        };
        SingleAzurite = await AzuriteProcess.StartAsync();
        MultiAzurite = await AzuriteProcess.StartAsync();
        // Glance's show_multiple_locations and show_image_direct_url on one host, off (the default) on the other.
        Single = await LocalHostInstance.StartAsync(SingleAzurite, "trusted", new Dictionary<string, string?>(polling)
        {
            ["Glance:Images:ShowMultipleLocations"] = "true",
            ["Glance:Images:ShowDirectUrl"] = "true",
        });
        Multi = await LocalHostInstance.StartAsync(MultiAzurite, "trusted", new Dictionary<string, string?>(polling)
        {
            ["Glance:Stores:Default"] = "fast",
            ["Glance:Stores:fast:Container"] = FastContainer,
            ["Glance:Stores:cheap:Container"] = CheapContainer,
            ["Glance:Stores:cheap:AccessTier"] = "Cool",
        });
    }

    public async Task DisposeAsync()
    {
        await Single.DisposeAsync();
        await Multi.DisposeAsync();
        await SingleAzurite.DisposeAsync();
        await MultiAzurite.DisposeAsync();
    }
}
