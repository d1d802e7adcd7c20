using System.Net;
using System.Text;
using System.Text.Json;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests.Metadefs;

/// <summary>
/// Through HTTP with the default rules: a reader or member of another project learns nothing of a private namespace
/// (every route naming it is 404, no list shows it) and changes nothing; the owning project's members see it but may
/// not change it (403); a public namespace is readable by all and writable by admins only.
/// </summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class MetadefAccessTests(GlanceService service)
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private string Owner => "mda-owner-" + _run;

    private async Task<string> CreateAsync(string visibility)
    {
        var name = $"md-access-{visibility}-{_run}";
        using var admin = service.Client(Owner, "admin,member,reader");
        using var response = await admin.PostJsonAsync("/v2/metadefs/namespaces", $$$"""
            {"namespace":"{{{name}}}","visibility":"{{{visibility}}}","description":"original",
             "properties":{"p":{"title":"P","type":"string"}},"objects":[{"name":"o"}],"tags":[{"name":"t"}],
             "resource_type_associations":[{"name":"OS::Glance::Image","prefix":"x_"}]}
            """);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return name;
    }

    /// <summary>Every route that names the namespace, with a body that would change it if allowed.</summary>
    private static IEnumerable<(string Method, string Path, string? Body)> Routes(string ns) =>
    [
        ("GET", $"/v2/metadefs/namespaces/{ns}", null),
        ("GET", $"/v2/metadefs/namespaces/{ns}?resource_type=OS::Glance::Image", null),
        ("GET", $"/v2/metadefs/namespaces/{ns}/objects", null),
        ("GET", $"/v2/metadefs/namespaces/{ns}/objects/o", null),
        ("GET", $"/v2/metadefs/namespaces/{ns}/properties", null),
        ("GET", $"/v2/metadefs/namespaces/{ns}/properties/p", null),
        ("GET", $"/v2/metadefs/namespaces/{ns}/properties/x_p?resource_type=OS::Glance::Image", null),
        ("GET", $"/v2/metadefs/namespaces/{ns}/tags", null),
        ("GET", $"/v2/metadefs/namespaces/{ns}/tags/t", null),
        ("GET", $"/v2/metadefs/namespaces/{ns}/resource_types", null),
        ("PUT", $"/v2/metadefs/namespaces/{ns}", $$"""{"namespace":"{{ns}}","description":"changed","visibility":"public"}"""),
        ("POST", $"/v2/metadefs/namespaces/{ns}/objects", """{"name":"o2"}"""),
        ("PUT", $"/v2/metadefs/namespaces/{ns}/objects/o", """{"name":"o","description":"changed"}"""),
        ("DELETE", $"/v2/metadefs/namespaces/{ns}/objects/o", null),
        ("DELETE", $"/v2/metadefs/namespaces/{ns}/objects", null),
        ("POST", $"/v2/metadefs/namespaces/{ns}/properties", """{"name":"p2","title":"P2","type":"string"}"""),
        ("PUT", $"/v2/metadefs/namespaces/{ns}/properties/p", """{"name":"p","title":"Changed","type":"string"}"""),
        ("DELETE", $"/v2/metadefs/namespaces/{ns}/properties/p", null),
        ("DELETE", $"/v2/metadefs/namespaces/{ns}/properties", null),
        ("POST", $"/v2/metadefs/namespaces/{ns}/tags/t2", null),
        ("POST", $"/v2/metadefs/namespaces/{ns}/tags", """{"tags":[{"name":"t3"}]}"""),
        ("PUT", $"/v2/metadefs/namespaces/{ns}/tags/t", """{"name":"t4"}"""),
        ("DELETE", $"/v2/metadefs/namespaces/{ns}/tags/t", null),
        ("DELETE", $"/v2/metadefs/namespaces/{ns}/tags", null),
        ("POST", $"/v2/metadefs/namespaces/{ns}/resource_types", """{"name":"OS::Nova::Flavor"}"""),
        ("DELETE", $"/v2/metadefs/namespaces/{ns}/resource_types/OS::Glance::Image", null),
        ("DELETE", $"/v2/metadefs/namespaces/{ns}", null),
    ];

    /// <summary>What the owner sees of the namespace and of each kind of content, to prove nothing changed.</summary>
    private async Task<string> EverythingAsync(string ns)
    {
        var seen = new StringBuilder(await ShowAsOwnerAsync(ns));
        using var admin = service.Client(Owner, "admin,member,reader");
        foreach (var kind in new[] { "objects", "properties", "tags", "resource_types" })
        {
            seen.Append((await SendAsync(admin, "GET", $"/v2/metadefs/namespaces/{ns}/{kind}", null)).Body);
        }
        return seen.ToString();
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient client, string method, string path, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<string> ShowAsOwnerAsync(string ns)
    {
        using var admin = service.Client(Owner, "admin,member,reader");
        var (status, body) = await SendAsync(admin, "GET", $"/v2/metadefs/namespaces/{ns}", null);
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    [Theory]
    [InlineData("reader")]
    [InlineData("member,reader")]
    public async Task OtherProject_PrivateNamespace_EveryRouteIs404AndNothingChanges(string roles)
    {
        var ns = await CreateAsync("private");
        var before = await EverythingAsync(ns);
        using var stranger = service.Client("mda-stranger-" + _run, roles);

        foreach (var (method, path, body) in Routes(ns))
        {
            var (status, text) = await SendAsync(stranger, method, path, body);
            Assert.True(status == HttpStatusCode.NotFound, $"{method} {path}: {(int)status} {text}");
        }

        Assert.Equal(before, await EverythingAsync(ns));
    }

    [Theory]
    [InlineData("reader")]
    [InlineData("member,reader")]
    public async Task OtherProject_PrivateNamespace_NoListShowsItAndItIsNoMarker(string roles)
    {
        var ns = await CreateAsync("private");
        using var stranger = service.Client("mda-stranger-" + _run, roles);

        foreach (var query in new[] { "", "?visibility=private", "?visibility=public", "?resource_types=OS::Glance::Image", "?sort_key=namespace&limit=1000" })
        {
            var (status, text) = await SendAsync(stranger, "GET", "/v2/metadefs/namespaces" + query, null);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.DoesNotContain(ns, text);
        }
        var (markerStatus, markerText) = await SendAsync(stranger, "GET", $"/v2/metadefs/namespaces?marker={ns}", null);
        Assert.Equal(HttpStatusCode.Forbidden, markerStatus);
        Assert.Contains($"metadata definition namespace={ns} is not visible", markerText);
    }

    [Fact]
    public async Task OwningProjectsMember_PrivateNamespace_SeesItButMayNotChangeIt()
    {
        var ns = await CreateAsync("private");
        var before = await EverythingAsync(ns);
        using var member = service.Client(Owner, "member,reader");

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(member, "GET", $"/v2/metadefs/namespaces/{ns}", null)).Status);
        Assert.Contains(ns, (await SendAsync(member, "GET", "/v2/metadefs/namespaces?visibility=private", null)).Body);
        foreach (var (method, path, body) in Routes(ns).Where(r => r.Method != "GET"))
        {
            var (status, text) = await SendAsync(member, method, path, body);
            Assert.True(status == HttpStatusCode.Forbidden, $"{method} {path}: {(int)status} {text}");
            Assert.Contains("You are not authorized to complete", JsonDocument.Parse(text).RootElement.GetProperty("message").GetString());
        }

        Assert.Equal(before, await EverythingAsync(ns));
    }

    [Theory]
    [InlineData("reader")]
    [InlineData("member,reader")]
    public async Task OtherProject_PublicNamespace_ReadsButMayNotChange(string roles)
    {
        var ns = await CreateAsync("public");
        var before = await EverythingAsync(ns);
        using var stranger = service.Client("mda-stranger-" + _run, roles);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(stranger, "GET", $"/v2/metadefs/namespaces/{ns}", null)).Status);
        foreach (var (method, path, body) in Routes(ns).Where(r => r.Method != "GET"))
        {
            var (status, text) = await SendAsync(stranger, method, path, body);
            Assert.True(status == HttpStatusCode.Forbidden, $"{method} {path}: {(int)status} {text}");
        }

        Assert.Equal(before, await EverythingAsync(ns));
    }

    [Fact]
    public async Task Member_Create_Is403AndCreatesNothing()
    {
        using var member = service.Client(Owner, "member,reader");
        var name = "md-access-refused-" + _run;

        var (status, _) = await SendAsync(member, "POST", "/v2/metadefs/namespaces", $$"""{"namespace":"{{name}}"}""");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        using var admin = service.Client(Owner, "admin,member,reader");
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(admin, "GET", $"/v2/metadefs/namespaces/{name}", null)).Status);
    }
}
