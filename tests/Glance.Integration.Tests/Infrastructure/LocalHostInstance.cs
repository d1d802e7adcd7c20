using Glance.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Integration.Tests.Infrastructure;

/// <summary>The real local host (Kestrel on a free loopback port) over a given Azurite.</summary>
public sealed class LocalHostInstance : IAsyncDisposable
{
    private LocalHostInstance(WebApplication app, string baseUrl)
    {
        App = app;
        BaseUrl = baseUrl;
    }

    public WebApplication App { get; }
    public string BaseUrl { get; }

    /// <summary>A client of this host in trusted-header mode, calling as a user of <paramref name="project"/> with <paramref name="roles"/>.</summary>
    public HttpClient Client(string project, string roles = "member,reader", string? user = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Add("X-Identity-Status", "Confirmed");
        client.DefaultRequestHeaders.Add("X-Project-Id", project);
        client.DefaultRequestHeaders.Add("X-User-Id", user ?? "u-" + project);
        client.DefaultRequestHeaders.Add("X-Roles", roles);
        client.DefaultRequestHeaders.Add("Accept", "application/json");
        return client;
    }

    public static async Task<LocalHostInstance> StartAsync(AzuriteProcess azurite, string authMode, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["GlanceStorage"] = azurite.ConnectionString,
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Glance:Auth:Mode"] = authMode,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }
        // A developer's own local.settings.json must not leak into the tests.
        var app = GlanceLocalHost.Build(["--LocalSettings", "/nonexistent/local.settings.json"], overrides);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LocalHostInstance(app, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
