using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests;

/// <summary>
/// The hostile-input corpus (<see cref="HostileInputCorpus"/>) sent byte for byte to the trusted-mode local host:
/// each request gets its 4xx in Glance's error shape, never a 5xx, and leaves the stored image, its data,
/// members and tasks, and the project's image list exactly as they were.
/// </summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class HostileInputTests(GlanceService service)
{
    // One target for the whole corpus (the collection runs its tests one at a time), compared before and after each case.
    private static readonly ConditionalWeakTable<GlanceService, Task<HostileInputTarget>> Targets = new();

    public static TheoryData<string> Corpus => HostileInputCorpus.Names;

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task HostileRequest_IsRefusedIn4xxAndChangesNothing(string name)
    {
        var hostile = HostileInputCorpus.Cases[name];
        var target = await Targets.GetValue(service, HostileInputTarget.CreateAsync);
        if (!await target.ExistsAsync())
        {
            // An earlier case deleted it (and failed for it): start afresh, so that only that case fails.
            Targets.AddOrUpdate(service, HostileInputTarget.CreateAsync(service));
            target = await Targets.GetValue(service, HostileInputTarget.CreateAsync);
        }
        var before = await target.SnapshotAsync();

        var response = await RawHttp.SendAsync(
            service.Trusted.BaseUrl, hostile.Method, target.Expand(hostile.Target),
            target.Identity.Where(h => !hostile.Headers.Any(o => o.Name.Equals(h.Name, StringComparison.OrdinalIgnoreCase))).Concat(hostile.Headers),
            target.Expand(hostile.Body));

        Assert.True(response.Status < 500, $"{name}: answered {response.Status}: {response.Text}");
        Assert.True(hostile.Expected == response.Status, $"{name}: expected {hostile.Expected}, answered {response.Status}: {response.Text}");
        if (!hostile.RefusedByServer)
        {
            AssertGlanceError(response);
        }
        Assert.Equal(before, await target.SnapshotAsync());
    }

    [Fact]
    public async Task Upload_BodyBrokenMidway_LeavesTheImageQueuedWithoutData()
    {
        using var client = service.Client("hostile-upload");
        var id = (await client.CreateImageAsync("""{"disk_format":"raw","container_format":"bare"}""")).GetProperty("id").GetString()!;
        var identity = new (string, string)[]
        {
            ("X-Identity-Status", "Confirmed"), ("X-Project-Id", "hostile-upload"), ("X-Roles", "member"), ("Accept", "application/json"),
            ("Content-Type", "application/octet-stream"), ("Transfer-Encoding", "chunked"),
        };

        // A valid first chunk of data, then a chunk header that is not hexadecimal.
        var response = await RawHttp.SendAsync(service.Trusted.BaseUrl, "PUT", $"/v2/images/{id}/file", identity,
            Encoding.ASCII.GetBytes("1000\r\n" + new string('a', 0x1000) + "\r\nzz\r\n"));

        Assert.Equal(400, response.Status);
        AssertGlanceError(response);
        var image = await (await client.GetAsync($"/v2/images/{id}")).JsonAsync();
        Assert.Equal("queued", image.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, image.GetProperty("size").ValueKind);
        Assert.Equal(HttpStatusCode.NoContent, (await client.GetAsync($"/v2/images/{id}/file")).StatusCode);
        Assert.False(await service.ImageBlob(id).ExistsAsync());
    }

    [Theory]
    [InlineData("file")]
    [InlineData("stage")]
    public async Task ImageBody_DeclaredOverTheHostLimit_Is413BeforeAnyByteIsRead(string route)
    {
        using var client = service.Client("hostile-upload");
        var id = (await client.CreateImageAsync("""{"disk_format":"raw","container_format":"bare"}""")).GetProperty("id").GetString()!;
        var identity = new (string, string)[]
        {
            ("X-Identity-Status", "Confirmed"), ("X-Project-Id", "hostile-upload"), ("X-Roles", "member"), ("Accept", "application/json"),
            ("Content-Type", "application/octet-stream"), ("Content-Length", (100L * 1024 * 1024 + 1).ToString()),
        };

        // Only the headers are sent: the answer must come without waiting for the 100 MB body.
        var response = await RawHttp.SendAsync(service.Trusted.BaseUrl, "PUT", $"/v2/images/{id}/{route}", identity, [], TimeSpan.FromSeconds(20));

        Assert.Equal(413, response.Status);
        AssertGlanceError(response);
        Assert.Contains("upload-url", response.Text);
        var image = await (await client.GetAsync($"/v2/images/{id}")).JsonAsync();
        Assert.Equal("queued", image.GetProperty("status").GetString());
        Assert.False(await service.ImageBlob(id).ExistsAsync());
    }

    /// <summary>Edge cases Glance stores as given: they must come back exactly, on create and on PATCH.</summary>
    public static TheoryData<string, string> AcceptedText => new()
    {
        { "right-to-left override", "\u202Eevil.exe" },
        { "NUL inside", "a\0b" },
        { "byte order mark inside", "a\uFEFFb" },
        { "combining marks", "e\u0301\u0301\u0301" },
        { "zero-width joiner", "a\u200Db" },
        { "noncharacter U+FFFF", "a\uFFFFb" },
        { "255 two-byte characters", new string('é', 255) },
        { "JSON and HTML metacharacters", "\"}<script>&amp;\\" },
    };

    [Theory]
    [MemberData(nameof(AcceptedText))]
    public async Task UnicodeEdgeCase_GlanceAccepts_RoundTripsExactly(string label, string text)
    {
        using var client = service.Client("hostile-unicode");
        var key = "k " + text[..Math.Min(text.Length, 200)] + " /~";
        var body = JsonSerializer.Serialize(new Dictionary<string, object> { ["name"] = text, [key] = text, ["tags"] = new[] { text } });

        var created = await client.CreateImageAsync(body);
        var id = created.GetProperty("id").GetString()!;
        var pointer = "/" + key.Replace("~", "~0").Replace("/", "~1");
        var patched = await client.PatchJsonAsync($"/v2/images/{id}",
            JsonSerializer.Serialize(new[] { new { op = "replace", path = pointer, value = text + text[..1] } }));
        var shown = await (await client.GetAsync($"/v2/images/{id}")).JsonAsync();

        Assert.Equal(text, created.GetProperty("name").GetString());
        Assert.Equal(text, created.GetProperty(key).GetString());
        Assert.Equal(text, created.GetProperty("tags")[0].GetString());
        Assert.True(patched.StatusCode == HttpStatusCode.OK, $"{label}: PATCH answered {(int)patched.StatusCode}: {await patched.Content.ReadAsStringAsync()}");
        Assert.Equal(text + text[..1], shown.GetProperty(key).GetString());
        Assert.Equal(text, shown.GetProperty("name").GetString());
    }

    private static void AssertGlanceError(RawHttp.Response response)
    {
        Assert.StartsWith("application/json", response.Headers.GetValueOrDefault("Content-Type") ?? "");
        using var document = JsonDocument.Parse(response.Body);
        var error = document.RootElement;
        var title = error.GetProperty("title").GetString();
        Assert.False(string.IsNullOrEmpty(title));
        Assert.Equal($"{response.Status} {title}", error.GetProperty("code").GetString());
        Assert.Contains("<br /><br />\n", error.GetProperty("message").GetString());
    }
}
