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

    [Fact]
    public async Task OpenStackClient_CreateListShowSetUnsetDelete_Works()
    {
        var name = "osc-" + Guid.NewGuid().ToString("N")[..8];

        var created = await OpenStack("create", "--disk-format", "qcow2", "--container-format", "bare", "--property", "k=v", "--tag", "t0", name, "-f", "json");
        Assert.True(created.ExitCode == 0, created.Output);
        var image = JsonDocument.Parse(created.Output).RootElement;
        var id = image.GetProperty("id").GetString()!;
        Assert.Equal("queued", image.GetProperty("status").GetString());
        Assert.Equal("v", image.GetProperty("properties").GetProperty("k").GetString());
        Assert.Equal("t0", image.GetProperty("tags")[0].GetString());

        var list = await OpenStack("list", "-f", "json");
        Assert.True(list.ExitCode == 0, list.Output);
        Assert.Contains(JsonDocument.Parse(list.Output).RootElement.EnumerateArray(), i => i.GetProperty("ID").GetString() == id);

        var shownByName = await OpenStack("show", name, "-f", "json");
        Assert.True(shownByName.ExitCode == 0, shownByName.Output);
        Assert.Equal(id, JsonDocument.Parse(shownByName.Output).RootElement.GetProperty("id").GetString());

        var set = await OpenStack("set", "--name", name + "-2", "--property", "k=w", "--min-disk", "5", id);
        Assert.True(set.ExitCode == 0, set.Output);
        var unset = await OpenStack("unset", "--property", "k", id);
        Assert.True(unset.ExitCode == 0, unset.Output);
        var shown = JsonDocument.Parse((await OpenStack("show", id, "-f", "json")).Output).RootElement;
        Assert.Equal(name + "-2", shown.GetProperty("name").GetString());
        Assert.Equal(5, shown.GetProperty("min_disk").GetInt32());
        Assert.False(shown.GetProperty("properties").TryGetProperty("k", out _));

        var deleted = await OpenStack("delete", id);
        Assert.True(deleted.ExitCode == 0, deleted.Output);
        var gone = await OpenStack("show", id);
        Assert.NotEqual(0, gone.ExitCode);
        Assert.Contains("No Image found", gone.Output);
    }

    [Fact]
    public async Task GlanceClient_CreateListShowUpdateDelete_Works()
    {
        var name = "gc-" + Guid.NewGuid().ToString("N")[..8];

        var created = await Glance("image-create", "--name", name, "--disk-format", "qcow2", "--container-format", "bare");
        Assert.True(created.ExitCode == 0, created.Output);
        var id = Field(created.Output, "id");
        Assert.Equal("queued", Field(created.Output, "status"));

        var list = await Glance("image-list");
        Assert.True(list.ExitCode == 0, list.Output);
        Assert.Contains(id, list.Output);

        var shown = await Glance("image-show", id);
        Assert.True(shown.ExitCode == 0, shown.Output);
        Assert.Equal(name, Field(shown.Output, "name"));

        var updated = await Glance("image-update", "--name", name + "-2", "--property", "foo=baz", id);
        Assert.True(updated.ExitCode == 0, updated.Output);
        Assert.Equal(name + "-2", Field(updated.Output, "name"));
        Assert.Equal("baz", Field(updated.Output, "foo"));

        var removed = await Glance("image-update", "--remove-property", "foo", id);
        Assert.True(removed.ExitCode == 0, removed.Output);
        Assert.DoesNotContain("| foo ", removed.Output);

        var deleted = await Glance("image-delete", id);
        Assert.True(deleted.ExitCode == 0, deleted.Output);
        var gone = await Glance("image-show", id);
        Assert.NotEqual(0, gone.ExitCode);
        Assert.Contains("404", gone.Output);
    }

    [Fact]
    public async Task OpenStackClient_CreateWithFileThenSave_RoundTripsTheImage()
    {
        var folder = Directory.CreateTempSubdirectory("osc-data-").FullName;
        var file = Path.Combine(folder, "x.qcow2");
        await File.WriteAllBytesAsync(file, DiskImages.Qcow2);
        var name = "oscfile-" + Guid.NewGuid().ToString("N")[..8];

        var created = await OpenStack("create", "--file", file, "--disk-format", "qcow2", "--container-format", "bare", name, "-f", "json");
        Assert.True(created.ExitCode == 0, created.Output);
        var shown = JsonDocument.Parse((await OpenStack("show", name, "-f", "json")).Output).RootElement;
        Assert.Equal("active", shown.GetProperty("status").GetString());
        Assert.Equal(DiskImages.Qcow2.Length, shown.GetProperty("size").GetInt64());
        Assert.Equal(64L * 1024 * 1024, shown.GetProperty("virtual_size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(DiskImages.Qcow2)), shown.GetProperty("checksum").GetString());

        var saved = Path.Combine(folder, "saved.qcow2");
        var save = await OpenStack("save", "--file", saved, name);
        Assert.True(save.ExitCode == 0, save.Output);
        Assert.Equal(DiskImages.Qcow2, await File.ReadAllBytesAsync(saved));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task GlanceClient_ImportGlanceDirectAndWebDownload_ThenDownloadWithHashVerification()
    {
        var folder = Directory.CreateTempSubdirectory("gc-data-").FullName;
        var file = Path.Combine(folder, "x.qcow2");
        await File.WriteAllBytesAsync(file, DiskImages.Qcow2);

        var direct = await Glance("image-create-via-import", "--import-method", "glance-direct", "--file", file,
            "--disk-format", "qcow2", "--container-format", "bare", "--name", "gc-direct");
        Assert.True(direct.ExitCode == 0, direct.Output);
        var directId = Field(direct.Output, "id");
        var uri = service.Files.Publish("gc-web.qcow2", DiskImages.Qcow2);
        var web = await Glance("image-create-via-import", "--import-method", "web-download", "--uri", uri.ToString(),
            "--disk-format", "qcow2", "--container-format", "bare", "--name", "gc-web");
        Assert.True(web.ExitCode == 0, web.Output);
        var webId = Field(web.Output, "id");

        foreach (var id in new[] { directId, webId })
        {
            Assert.Equal("active", Field((await Glance("image-show", id)).Output, "status"));
            var saved = Path.Combine(folder, id);
            // glanceclient verifies os_hash_value (sha512) while downloading and fails on a mismatch.
            var download = await Glance("image-download", "--file", saved, id);
            Assert.True(download.ExitCode == 0, download.Output);
            Assert.Equal(DiskImages.Qcow2, await File.ReadAllBytesAsync(saved));
        }
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task OpenStackClient_TagsDeactivateActivateAndSharedList_Work()
    {
        var folder = Directory.CreateTempSubdirectory("osc-actions-").FullName;
        var file = Path.Combine(folder, "x.qcow2");
        await File.WriteAllBytesAsync(file, DiskImages.Qcow2);
        var name = "oscact-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(0, (await OpenStack("create", "--file", file, "--disk-format", "qcow2", "--container-format", "bare", "--shared", name)).ExitCode);

        var tagged = await OpenStack("set", "--tag", "t1", "--tag", "t2", name);
        Assert.True(tagged.ExitCode == 0, tagged.Output);
        var tags = JsonDocument.Parse((await OpenStack("show", name, "-f", "json")).Output).RootElement.GetProperty("tags");
        Assert.Equal(["t1", "t2"], tags.EnumerateArray().Select(t => t.GetString()).Order());
        var untagged = await OpenStack("unset", "--tag", "t1", name);
        Assert.True(untagged.ExitCode == 0, untagged.Output);

        Assert.Equal(0, (await OpenStack("set", "--deactivate", name)).ExitCode);
        Assert.Equal("deactivated", JsonDocument.Parse((await OpenStack("show", name, "-f", "json")).Output).RootElement.GetProperty("status").GetString());
        Assert.Equal(0, (await OpenStack("set", "--activate", name)).ExitCode);
        Assert.Equal("active", JsonDocument.Parse((await OpenStack("show", name, "-f", "json")).Output).RootElement.GetProperty("status").GetString());

        var shared = await OpenStack("list", "--shared", "-f", "json");
        Assert.True(shared.ExitCode == 0, shared.Output);
        Assert.Contains(JsonDocument.Parse(shared.Output).RootElement.EnumerateArray(), i => i.GetProperty("Name").GetString() == name);
        var byMemberStatus = await OpenStack("list", "--shared", "--member-status", "all", "--tag", "t2", "-f", "json");
        Assert.True(byMemberStatus.ExitCode == 0, byMemberStatus.Output);
        Assert.Contains(JsonDocument.Parse(byMemberStatus.Output).RootElement.EnumerateArray(), i => i.GetProperty("Name").GetString() == name);
        Directory.Delete(folder, recursive: true);
    }

    private static string Field(string table, string property)
    {
        var match = Regex.Match(table, $@"^\|\s*{Regex.Escape(property)}\s*\|\s*(.*?)\s*\|\s*$", RegexOptions.Multiline);
        Assert.True(match.Success, $"no '{property}' row in:\n{table}");
        return match.Groups[1].Value;
    }
}
