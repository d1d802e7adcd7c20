using FaultProxy = Glance.LocalServers.FaultProxy;
using System.Net;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests.Faults;

/// <summary>
/// What a fault test breaks and watches: an Azurite of its own (persisting to a folder, so it can be stopped and
/// started again), a webhook receiving the notifications, optionally proxies in front of Azurite's blob and table ports
/// (which pass everything until a test slows or cuts them), and the local host settings with every recovery window in seconds instead of hours.
/// </summary>
public sealed class FaultRig : IAsyncDisposable
{
    /// <summary>
    /// How long a data operation may hold an image before the stale-operation recovery takes it back, unless a test
    /// says otherwise. As in production (4.5 h against host.json's 4 h functionTimeout), it must be longer than any
    /// operation that is still alive may run, or the recovery would take over an operation that is not dead.
    /// </summary>
    public static readonly TimeSpan DefaultStaleOperationAfter = TimeSpan.FromSeconds(5);

    /// <summary>How long the audit waits for the recovery windows to elapse and their timers to act.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);

    private readonly TimeSpan _staleOperationAfter;

    private FaultRig(AzuriteProcess azurite, EventCollector events, TimeSpan staleOperationAfter, bool proxyBlobs, bool proxyTables)
    {
        _staleOperationAfter = staleOperationAfter;
        Azurite = azurite;
        Events = events;
        BlobProxy = proxyBlobs ? new FaultProxy(azurite.BlobPort) : null;
        TableProxy = proxyTables ? new FaultProxy(azurite.TablePort) : null;
        Audit = new RecoveryAudit(azurite, events);
    }

    public AzuriteProcess Azurite { get; }
    public EventCollector Events { get; }
    /// <summary>Between the service and Azurite's blob service, if asked for (tests reach Azurite directly).</summary>
    public FaultProxy? BlobProxy { get; }

    /// <summary>Between the service and Azurite's table service, if asked for.</summary>
    public FaultProxy? TableProxy { get; }
    public RecoveryAudit Audit { get; }

    public static async Task<FaultRig> StartAsync(TimeSpan? staleOperationAfter = null, bool proxyBlobs = false, bool proxyTables = false)
    {
        var azurite = await AzuriteProcess.StartAsync();
        var events = await EventCollector.StartAsync();
        return new FaultRig(azurite, events, staleOperationAfter ?? DefaultStaleOperationAfter, proxyBlobs, proxyTables);
    }

    public IReadOnlyDictionary<string, string?> HostSettings
    {
        get
        {
            var storage = Azurite.ConnectionStringThrough(BlobProxy?.Port ?? Azurite.BlobPort, TableProxy?.Port ?? Azurite.TablePort);
            return new Dictionary<string, string?>
            {
                ["GlanceStorage"] = storage,
                ["AzureWebJobsStorage"] = storage,
                ["Glance:Auth:Mode"] = "trusted",
                ["Glance:Data:StaleOperationAfter"] = _staleOperationAfter.ToString(),
                // A download must end before the recovery may take it for a dead one (checked at start).
                ["Glance:Import:WebDownload:MaxDuration"] = (_staleOperationAfter * 0.8).ToString(),
                ["Glance:Storage:ListingSweepAfter"] = "00:00:02",
                ["Glance:Events:Webhooks:0"] = Events.Url,
                ["Glance:Events:Source"] = "/glance/faults",
                ["Glance:Events:SweepAfter"] = "00:00:01",
                ["Glance:Events:MaxRetryDelay"] = "00:00:01",
                ["Glance:LocalHost:BlobPolling:Interval"] = "00:00:00.200",
                ["Glance:LocalHost:Timers:Interval"] = "00:00:00.500",
            };
        }
    }

    public Task<LocalHostInstance> StartHostAsync() => LocalHostInstance.StartAsync(Azurite, "trusted", HostSettings);

    public Task<LocalHostProcess> StartHostProcessAsync() => LocalHostProcess.StartAsync(HostSettings);

    /// <summary>A member of project "faults", with a timeout far above any answer the service should take.</summary>
    public static HttpClient Client(string baseUrl)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Identity-Status", "Confirmed");
        client.DefaultRequestHeaders.Add("X-Project-Id", "faults");
        client.DefaultRequestHeaders.Add("X-User-Id", "u-faults");
        client.DefaultRequestHeaders.Add("X-Roles", "member,reader");
        client.DefaultRequestHeaders.Add("Accept", "application/json");
        return client;
    }

    /// <summary>Waits until storage holds the image in <paramref name="status"/> (polling the table, not the service).</summary>
    public Task WaitForStatusAsync(string imageId, string status, TimeSpan timeout)
    {
        string? seen = null;
        return Poll.UntilAsync(async () => (seen = (await Audit.ImageRowAsync(imageId)).GetString("Status")) == status, timeout,
            () => $"Image {imageId} did not reach {status} within {timeout.TotalSeconds:0} s (last seen: {seen}).");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var proxy in new[] { BlobProxy, TableProxy })
        {
            if (proxy is not null)
            {
                await proxy.DisposeAsync();
            }
        }
        await Events.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
