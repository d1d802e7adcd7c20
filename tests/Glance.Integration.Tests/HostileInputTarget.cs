using System.Net;
using System.Security.Cryptography;
using System.Text;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests;

/// <summary>
/// The stored state the hostile corpus must not change: one active, shared image of its own project, with data,
/// a member, a tag and an extra property, and a protected private metadef namespace of that project with one of each
/// kind of content. Its snapshot covers everything a request could have altered.
/// </summary>
internal sealed class HostileInputTarget
{
    public const string MemberId = "hostile-member";
    public const int DataSize = 4096;

    private readonly GlanceService _service;

    private HostileInputTarget(GlanceService service, string project, string imageId)
    {
        _service = service;
        Project = project;
        ImageId = imageId;
    }

    public string Project { get; }
    public string ImageId { get; }

    public const string AdminRoles = "admin,member,reader";

    /// <summary>The owner's identity, as keystonemiddleware would pass it.</summary>
    public IReadOnlyList<(string Name, string Value)> Identity =>
    [
        ("X-Identity-Status", "Confirmed"), ("X-Project-Id", Project), ("X-User-Id", "u-" + Project),
        ("X-Roles", "member,reader"), ("Accept", "application/json"),
    ];

    public sealed record Snapshot(string Image, string Members, string Tasks, string DataSha256, string OwnImages, string Metadefs);

    public string Namespace => "hostile-md-" + Project;

    /// <summary>A name no case may leave a namespace under.</summary>
    public string FreeNamespace => "hostile-md-new-" + Project;

    public static async Task<HostileInputTarget> CreateAsync(GlanceService service)
    {
        var project = "hostile-" + Guid.NewGuid().ToString("N")[..8];
        using var client = service.Client(project);
        var image = await client.CreateImageAsync(
            """{"name":"hostile-target","disk_format":"raw","container_format":"bare","k":"v","tags":["t1"]}""");
        var id = image.GetProperty("id").GetString()!;
        var upload = new ByteArrayContent(RandomNumberGenerator.GetBytes(DataSize));
        upload.Headers.ContentType = new("application/octet-stream");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync($"/v2/images/{id}/file", upload)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync($"/v2/images/{id}/members", $$"""{"member":"{{MemberId}}"}""")).StatusCode);
        var target = new HostileInputTarget(service, project, id);
        using var admin = service.Client(project, AdminRoles);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync("/v2/metadefs/namespaces", $$$$"""
            {"namespace":"{{{{target.Namespace}}}}","protected":true,"properties":{"p":{"title":"P","type":"string"}},
             "objects":[{"name":"o","properties":{"q":{"title":"Q","type":"integer"}}}],"tags":[{"name":"t"}],
             "resource_type_associations":[{"name":"OS::Glance::Image","prefix":"h_"}]}
            """)).StatusCode);
        return target;
    }

    /// <summary>Replaces the placeholders of a corpus target or body; <c>{ID}</c> and <c>{Id}</c> are the image id in upper and mixed case.</summary>
    public string Expand(string text) =>
        text.Replace("{id}", ImageId).Replace("{ID}", ImageId.ToUpperInvariant())
            .Replace("{Id}", string.Concat(ImageId.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : c))).Replace("{member}", MemberId)
            .Replace("{mdnew}", FreeNamespace).Replace("{ns}", Namespace).Replace("{missing}", "0b5a6a52-7c1e-4e3a-9d9e-6f0c2b1d8e47");

    /// <summary>A body with its placeholders replaced, byte for byte elsewhere (bodies may be invalid UTF-8 on purpose).</summary>
    public byte[]? Expand(byte[]? body) => body is null ? null : Encoding.Latin1.GetBytes(Expand(Encoding.Latin1.GetString(body)));

    public async Task<bool> ExistsAsync()
    {
        using var client = _service.Client(Project);
        using var response = await client.GetAsync($"/v2/images/{ImageId}");
        return response.StatusCode == HttpStatusCode.OK;
    }

    public async Task<Snapshot> SnapshotAsync()
    {
        using var client = _service.Client(Project);
        var image = await ReadAsync(client, $"/v2/images/{ImageId}");
        var members = await ReadAsync(client, $"/v2/images/{ImageId}/members");
        var tasks = await ReadAsync(client, $"/v2/images/{ImageId}/tasks");
        using var data = await client.GetAsync($"/v2/images/{ImageId}/file");
        Assert.Equal(HttpStatusCode.OK, data.StatusCode);
        var hash = Convert.ToHexString(SHA256.HashData(await data.Content.ReadAsByteArrayAsync()));
        // An image a refused create left behind would be listed here (hidden ones included).
        var own = await ReadAsync(client, $"/v2/images?owner={Project}");
        var hidden = await ReadAsync(client, $"/v2/images?owner={Project}&os_hidden=true");
        using var admin = _service.Client(Project, AdminRoles);
        var metadefs = await ReadAsync(admin, $"/v2/metadefs/namespaces/{Namespace}")
            + await ReadAsync(client, "/v2/metadefs/namespaces?visibility=private&sort_key=namespace&limit=1000")
            + (int)(await admin.GetAsync($"/v2/metadefs/namespaces/{FreeNamespace}")).StatusCode;
        return new Snapshot(image, members, tasks, hash, own + hidden, metadefs);
    }

    private static async Task<string> ReadAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return text;
    }
}
