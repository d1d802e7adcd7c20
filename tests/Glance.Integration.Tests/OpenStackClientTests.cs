using System.Text.Json;
using System.Text.RegularExpressions;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests;

/// <summary>
/// Debian's real clients against the local host in noauth mode, used as a new user would without Keystone:
/// `openstack --os-auth-type none --os-endpoint URL image ...` and `glance --os-image-url URL ...`.
/// </summary>
[Collection(GlanceServiceCollection.Name)]
public sealed partial class OpenStackClientTests(GlanceService service)
{
    private Task<CommandLine.Result> OpenStack(params string[] arguments) =>
        CommandLine.RunAsync("openstack", ["--os-auth-type", "none", "--os-endpoint", service.NoAuth.BaseUrl, "image", .. arguments]);

    private Task<CommandLine.Result> Glance(params string[] arguments) =>
        CommandLine.RunAsync("glance", ["--os-image-url", service.NoAuth.BaseUrl, "--os-auth-token", "x", .. arguments]);

    /// <summary>`openstack image list -f json` with <paramref name="filters"/>, which must succeed.</summary>
    private async Task<List<JsonElement>> ListAsync(params string[] filters) =>
        [.. JsonDocument.Parse(Succeeded(await OpenStack(["list", .. filters, "-f", "json"]))).RootElement.EnumerateArray()];

    /// <summary>`openstack image show -f json`, which must succeed.</summary>
    private async Task<JsonElement> ShowAsync(string image) =>
        JsonDocument.Parse(Succeeded(await OpenStack("show", image, "-f", "json"))).RootElement;

    [Fact]
    public async Task OpenStackClient_CreateListShowSetUnsetDelete_Works()
    {
        var name = "osc-" + Guid.NewGuid().ToString("N")[..8];

        var created = await OpenStack("create", "--disk-format", "qcow2", "--container-format", "bare", "--property", "k=v", "--tag", "t0", name, "-f", "json");
        var image = JsonDocument.Parse(Succeeded(created)).RootElement;
        var id = image.GetProperty("id").GetString()!;
        Assert.Equal("queued", image.GetProperty("status").GetString());
        Assert.Equal("v", image.GetProperty("properties").GetProperty("k").GetString());
        Assert.Equal("t0", image.GetProperty("tags")[0].GetString());

        Assert.Contains(await ListAsync(), i => i.GetProperty("ID").GetString() == id);
        Assert.Equal(id, (await ShowAsync(name)).GetProperty("id").GetString());

        Succeeded(await OpenStack("set", "--name", name + "-2", "--property", "k=w", "--min-disk", "5", id));
        Succeeded(await OpenStack("unset", "--property", "k", id));
        var shown = await ShowAsync(id);
        Assert.Equal(name + "-2", shown.GetProperty("name").GetString());
        Assert.Equal(5, shown.GetProperty("min_disk").GetInt32());
        Assert.False(shown.GetProperty("properties").TryGetProperty("k", out _));

        await AssertDeletesAsync(OpenStack, "delete", "show", id, "No Image found");
    }

    [Fact]
    public async Task GlanceClient_CreateListShowUpdateDelete_Works()
    {
        var name = "gc-" + Guid.NewGuid().ToString("N")[..8];

        var created = Succeeded(await Glance("image-create", "--name", name, "--disk-format", "qcow2", "--container-format", "bare"));
        var id = Field(created, "id");
        Assert.Equal("queued", Field(created, "status"));

        Assert.Contains(id, Succeeded(await Glance("image-list")));
        Assert.Equal(name, Field(Succeeded(await Glance("image-show", id)), "name"));

        var updated = Succeeded(await Glance("image-update", "--name", name + "-2", "--property", "foo=baz", id));
        Assert.Equal(name + "-2", Field(updated, "name"));
        Assert.Equal("baz", Field(updated, "foo"));

        Assert.DoesNotContain("| foo ", Succeeded(await Glance("image-update", "--remove-property", "foo", id)));

        await AssertDeletesAsync(Glance, "image-delete", "image-show", id, "404");
    }

    [Fact]
    public async Task OpenStackClient_CreateWithFileThenSave_RoundTripsTheImage()
    {
        using var folder = await Qcow2Folder.CreateAsync();
        var name = "oscfile-" + Guid.NewGuid().ToString("N")[..8];

        Succeeded(await OpenStack("create", "--file", folder.File, "--disk-format", "qcow2", "--container-format", "bare", name, "-f", "json"));
        var shown = await ShowAsync(name);
        Assert.Equal("active", shown.GetProperty("status").GetString());
        Assert.Equal(DiskImages.Qcow2.Length, shown.GetProperty("size").GetInt64());
        Assert.Equal(64L * 1024 * 1024, shown.GetProperty("virtual_size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(DiskImages.Qcow2)), shown.GetProperty("checksum").GetString());

        var saved = Path.Combine(folder.Path, "saved.qcow2");
        Succeeded(await OpenStack("save", "--file", saved, name));
        Assert.Equal(DiskImages.Qcow2, await File.ReadAllBytesAsync(saved));
    }

    [Fact]
    public async Task GlanceClient_ImportGlanceDirectAndWebDownload_ThenDownloadWithHashVerification()
    {
        using var folder = await Qcow2Folder.CreateAsync();

        var direct = await Glance("image-create-via-import", "--import-method", "glance-direct", "--file", folder.File,
            "--disk-format", "qcow2", "--container-format", "bare", "--name", "gc-direct");
        var directId = Field(Succeeded(direct), "id");
        var uri = service.Files.Publish("gc-web.qcow2", DiskImages.Qcow2);
        var web = await Glance("image-create-via-import", "--import-method", "web-download", "--uri", uri.ToString(),
            "--disk-format", "qcow2", "--container-format", "bare", "--name", "gc-web");
        var webId = Field(Succeeded(web), "id");

        using var http = service.AnonymousClient(noAuth: true);
        foreach (var id in new[] { directId, webId })
        {
            // The import answered 202 and runs in the queue trigger; glanceclient does not wait for it either.
            await ImportCompletion.WaitAsync(http, id);
            Assert.Equal("active", Field(Succeeded(await Glance("image-show", id)), "status"));
            var saved = Path.Combine(folder.Path, id);
            // glanceclient verifies os_hash_value (sha512) while downloading and fails on a mismatch.
            Succeeded(await Glance("image-download", "--file", saved, id));
            Assert.Equal(DiskImages.Qcow2, await File.ReadAllBytesAsync(saved));
        }
    }

    [Fact]
    public async Task OpenStackClient_TagsDeactivateActivateAndSharedList_Work()
    {
        using var folder = await Qcow2Folder.CreateAsync();
        var name = "oscact-" + Guid.NewGuid().ToString("N")[..8];
        Succeeded(await OpenStack("create", "--file", folder.File, "--disk-format", "qcow2", "--container-format", "bare", "--shared", name));

        Succeeded(await OpenStack("set", "--tag", "t1", "--tag", "t2", name));
        Assert.Equal(["t1", "t2"], (await ShowAsync(name)).GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Order());
        Succeeded(await OpenStack("unset", "--tag", "t1", name));

        Succeeded(await OpenStack("set", "--deactivate", name));
        Assert.Equal("deactivated", (await ShowAsync(name)).GetProperty("status").GetString());
        Succeeded(await OpenStack("set", "--activate", name));
        Assert.Equal("active", (await ShowAsync(name)).GetProperty("status").GetString());

        Assert.Contains(await ListAsync("--shared"), i => i.GetProperty("Name").GetString() == name);
        Assert.Contains(await ListAsync("--shared", "--member-status", "all", "--tag", "t2"), i => i.GetProperty("Name").GetString() == name);
    }

    /// <summary>The client's output; fails the test with it unless the client exited 0.</summary>
    private static string Succeeded(CommandLine.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Output);
        return result.Output;
    }

    /// <summary>The client's <paramref name="delete"/> succeeds, and its <paramref name="show"/> then fails saying <paramref name="gone"/>.</summary>
    private static async Task AssertDeletesAsync(Func<string[], Task<CommandLine.Result>> client, string delete, string show, string id, string gone)
    {
        Succeeded(await client([delete, id]));
        var shown = await client([show, id]);
        Assert.NotEqual(0, shown.ExitCode);
        Assert.Contains(gone, shown.Output);
    }

    private static string Field(string table, string property)
    {
        var match = Regex.Match(table, $@"^\|\s*{Regex.Escape(property)}\s*\|\s*(.*?)\s*\|\s*$", RegexOptions.Multiline);
        Assert.True(match.Success, $"no '{property}' row in:\n{table}");
        return match.Groups[1].Value;
    }

    /// <summary>A temporary folder holding the test disk image as x.qcow2, removed when the test ends.</summary>
    private sealed class Qcow2Folder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("glance-cli-data-").FullName;

        public string File => System.IO.Path.Combine(Path, "x.qcow2");

        public static async Task<Qcow2Folder> CreateAsync()
        {
            var folder = new Qcow2Folder();
            await System.IO.File.WriteAllBytesAsync(folder.File, DiskImages.Qcow2);
            return folder;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
