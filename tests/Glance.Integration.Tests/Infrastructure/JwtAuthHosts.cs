using System.Net.Http.Headers;
using Glance.LocalServers;

namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// A local host in jwt mode against a <see cref="TestOidcIssuer"/>, and two whose identity service is not there
/// (a jwt host whose issuer does not answer, a keystone host whose Keystone does not), over one Azurite of their
/// own so that the shared <see cref="GlanceService"/> fixture is not slowed down.
/// </summary>
public sealed class JwtAuthHosts : IAsyncLifetime
{
    public const string Audience = "api://glance-tests";

    /// <summary>The least time between two forced metadata refreshes the jwt host is configured with.</summary>
    public static readonly TimeSpan MetadataRefreshInterval = TimeSpan.FromSeconds(1);

    public AzuriteProcess Azurite { get; private set; } = null!;
    public TestOidcIssuer Issuer { get; private set; } = null!;
    public LocalHostInstance Jwt { get; private set; } = null!;
    public LocalHostInstance IssuerDown { get; private set; } = null!;
    public LocalHostInstance KeystoneDown { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteProcess.StartAsync();
        Issuer = await TestOidcIssuer.StartAsync();
        Jwt = await LocalHostInstance.StartAsync(Azurite, "jwt", new Dictionary<string, string?>
        {
            ["Glance:Auth:Jwt:Authority"] = Issuer.Url,
            ["Glance:Auth:Jwt:Audience"] = Audience,
            ["Glance:Auth:Jwt:RequireHttpsMetadata"] = "false",
            ["Glance:Auth:Jwt:MetadataRefreshInterval"] = MetadataRefreshInterval.ToString(),
        });
        // Nothing listens on these ports: they were free a moment ago and nobody was told about them.
        IssuerDown = await LocalHostInstance.StartAsync(Azurite, "jwt", new Dictionary<string, string?>
        {
            ["Glance:Auth:Jwt:Authority"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Glance:Auth:Jwt:Audience"] = Audience,
            ["Glance:Auth:Jwt:RequireHttpsMetadata"] = "false",
        });
        KeystoneDown = await LocalHostInstance.StartAsync(Azurite, "keystone", new Dictionary<string, string?>
        {
            ["Glance:Auth:Keystone:AuthUrl"] = $"http://127.0.0.1:{FreePort.Next()}/v3",
            ["Glance:Auth:Keystone:Username"] = "glance",
            ["Glance:Auth:Keystone:Password"] = "glance-secret",
            ["Glance:Auth:Keystone:ProjectName"] = "service",
        });
    }

    public async Task DisposeAsync()
    {
        await KeystoneDown.DisposeAsync();
        await IssuerDown.DisposeAsync();
        await Jwt.DisposeAsync();
        await Issuer.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    /// <summary>A token from the test issuer for <paramref name="project"/> with <paramref name="roles"/>.</summary>
    public string Token(string project = "jwt-p1", string[]? roles = null) =>
        Issuer.Token(Audience, Claims(project, roles ?? ["Member", "reader"]));

    public static Dictionary<string, object> Claims(string project, string[] roles) => new()
    {
        ["project_id"] = project,
        ["oid"] = "user-" + project,
        ["sub"] = "subject-" + project,
        ["roles"] = roles,
    };

    /// <summary>A client of <paramref name="host"/> (the jwt host by default) that accepts JSON and sends <paramref name="token"/> as a bearer token.</summary>
    public HttpClient Client(string? token, LocalHostInstance? host = null, bool asXAuthToken = false)
    {
        var client = new HttpClient { BaseAddress = new Uri((host ?? Jwt).BaseUrl) };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (token is not null)
        {
            if (asXAuthToken)
            {
                client.DefaultRequestHeaders.Add("X-Auth-Token", token);
            }
            else
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
        }
        return client;
    }
}

[CollectionDefinition(Name)]
public sealed class JwtAuthCollection : ICollectionFixture<JwtAuthHosts>
{
    public const string Name = "jwt auth hosts";
}
