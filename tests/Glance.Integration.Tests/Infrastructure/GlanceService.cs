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

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteProcess.StartAsync();
        Trusted = await LocalHostInstance.StartAsync(Azurite, "trusted");
        NoAuth = await LocalHostInstance.StartAsync(Azurite, "noauth");
    }

    public async Task DisposeAsync()
    {
        await NoAuth.DisposeAsync();
        await Trusted.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    public HttpClient Client(string project = "p1", string roles = "member,reader", string? user = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(Trusted.BaseUrl) };
        client.DefaultRequestHeaders.Add("X-Identity-Status", "Confirmed");
        client.DefaultRequestHeaders.Add("X-Project-Id", project);
        client.DefaultRequestHeaders.Add("X-User-Id", user ?? "u-" + project);
        client.DefaultRequestHeaders.Add("X-Roles", roles);
        client.DefaultRequestHeaders.Add("Accept", "application/json");
        return client;
    }

    public HttpClient AnonymousClient(bool noAuth = false) => new() { BaseAddress = new Uri(noAuth ? NoAuth.BaseUrl : Trusted.BaseUrl) };
}

[CollectionDefinition(Name)]
public sealed class GlanceServiceCollection : ICollectionFixture<GlanceService>
{
    public const string Name = "glance service";
}
