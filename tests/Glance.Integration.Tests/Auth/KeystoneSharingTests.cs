using System.Text.Json;
using System.Text.RegularExpressions;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests.Auth;

/// <summary>
/// Image sharing as new users do it in a cloud with Keystone: two projects, each with a user holding the `member`
/// role, created by the cloud admin; the owner shares an image with the other project through openstackclient and
/// glanceclient, and the other project's user accepts, rejects, lists, downloads and loses it. Each command is the
/// real client authenticating with the reference Keystone and finding the service in its catalogue.
/// </summary>
[Collection(KeystoneHostsCollection.Name)]
public sealed class KeystoneSharingTests(KeystoneHosts keystone)
{
    [Fact]
    public async Task OpenStackClient_OwnerSharesWithAProject_MemberAcceptsRejectsListsDownloadsAndLosesItWhenRemoved()
    {
        var (owner, member) = await OwnerAndMemberAsync();
        using var folder = new TempFolder();
        var file = await folder.WriteAsync("disk.qcow2", DiskImages.Qcow2);
        var created = await JsonAsync(owner.OpenStackAsync("image", "create", "--private", "--disk-format", "qcow2", "--container-format", "bare",
            "--file", file, "shared-" + Guid.NewGuid().ToString("N")[..8], "-f", "json"));
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal(owner.ProjectId, created.GetProperty("owner").GetString());
        Assert.Equal("private", created.GetProperty("visibility").GetString());

        var onPrivate = await owner.OpenStackAsync("image", "add", "project", id, member.ProjectId);
        Assert.NotEqual(0, onPrivate.ExitCode);
        Assert.Contains("403", onPrivate.Output);
        await OkAsync(owner.OpenStackAsync("image", "set", "--shared", id));
        var added = await JsonAsync(owner.OpenStackAsync("image", "add", "project", id, member.ProjectId, "-f", "json"));
        Assert.Equal(member.ProjectId, added.GetProperty("member_id").GetString());
        Assert.Equal(id, added.GetProperty("image_id").GetString());
        Assert.Equal("pending", added.GetProperty("status").GetString());

        // Each command costs seconds (a Python start, a Keystone token, its validation), so checks that only read
        // are started together (KeystoneUser runs two at a time).
        var shownToOwner = ShowAsync(owner, id);
        var membersPending = MembersAsync(owner, id);
        var listedPending = ListAsync(member);
        var sharedPending = ListAsync(member, "--shared");
        var byStatusPending = ListAsync(member, "--member-status", "pending");
        Assert.Equal("shared", (await shownToOwner).GetProperty("visibility").GetString());
        Assert.Equal(new[] { (member.ProjectId, "pending") }, await membersPending);
        Assert.DoesNotContain(id, await listedPending);
        Assert.DoesNotContain(id, await sharedPending);
        Assert.Contains(id, await byStatusPending);

        await OkAsync(member.OpenStackAsync("image", "set", "--accept", id));
        var saved = Path.Combine(folder.Path, "saved.qcow2");
        var membersAccepted = MembersAsync(owner, id);
        var listedAccepted = ListAsync(member);
        var sharedAccepted = ListAsync(member, "--shared");
        var byStatusAccepted = ListAsync(member, "--member-status", "accepted");
        var shownToMember = ShowAsync(member, id);
        var save = member.OpenStackAsync("image", "save", "--file", saved, id);
        var addsOthers = member.OpenStackAsync("image", "add", "project", id, owner.ProjectId);
        Assert.Equal(new[] { (member.ProjectId, "accepted") }, await membersAccepted);
        Assert.Contains(id, await listedAccepted);
        Assert.Contains(id, await sharedAccepted);
        Assert.Contains(id, await byStatusAccepted);
        Assert.Equal(owner.ProjectId, (await shownToMember).GetProperty("owner").GetString());
        Assert.Equal("active", (await shownToMember).GetProperty("status").GetString());
        await OkAsync(save);
        Assert.Equal(DiskImages.Qcow2, await File.ReadAllBytesAsync(saved));
        Assert.NotEqual(0, (await addsOthers).ExitCode);
        Assert.Contains("not authorized to complete add_member", (await addsOthers).Output);

        await OkAsync(member.OpenStackAsync("image", "set", "--reject", id));
        var listedRejected = ListAsync(member);
        var sharedRejected = ListAsync(member, "--shared");
        var byStatusRejected = ListAsync(member, "--member-status", "rejected");
        Assert.DoesNotContain(id, await listedRejected);
        Assert.DoesNotContain(id, await sharedRejected);
        Assert.Contains(id, await byStatusRejected);

        await OkAsync(member.OpenStackAsync("image", "set", "--pending", id));
        // A member sees only its own entry in the member list.
        Assert.Equal(new[] { (member.ProjectId, "pending") }, await MembersAsync(member, id));
        await OkAsync(member.OpenStackAsync("image", "set", "--accept", id));

        await OkAsync(owner.OpenStackAsync("image", "remove", "project", id, member.ProjectId));
        var membersRemoved = MembersAsync(owner, id);
        var listedRemoved = ListAsync(member, "--member-status", "all");
        var gone = member.OpenStackAsync("image", "show", id);
        Assert.Empty(await membersRemoved);
        Assert.DoesNotContain(id, await listedRemoved);
        Assert.NotEqual(0, (await gone).ExitCode);
        Assert.Contains("No Image found", (await gone).Output);
    }

    [Fact]
    public async Task OpenStackClient_AddProjectByName_SharesWithTheProjectIdKeystoneResolves()
    {
        // openstackclient resolves a project name with Keystone's project list, which only admins may read; other
        // users' names are sent as they are, so by name is how a cloud admin shares.
        var projectName = "byname-" + Guid.NewGuid().ToString("N")[..8];
        var projectId = await keystone.CreateAsync("project", "create", "--domain", "Default", projectName);
        var admin = keystone.Admin;
        var id = (await JsonAsync(admin.OpenStackAsync("image", "create", "--private", "--disk-format", "raw", "--container-format", "bare",
            projectName + "-image", "-f", "json"))).GetProperty("id").GetString()!;
        await OkAsync(admin.OpenStackAsync("image", "set", "--shared", id));

        var added = await JsonAsync(admin.OpenStackAsync("image", "add", "project", id, projectName, "-f", "json"));

        Assert.Equal(projectId, added.GetProperty("member_id").GetString());
        Assert.Equal(new[] { (projectId, "pending") }, await MembersAsync(admin, id));
        await OkAsync(admin.OpenStackAsync("image", "remove", "project", id, projectName));
        Assert.Empty(await MembersAsync(admin, id));
    }

    [Fact]
    public async Task TagsDeactivateActivate_AndGlanceClientMembers_WorkThroughKeystone()
    {
        var (owner, member) = await OwnerAndMemberAsync();
        using var folder = new TempFolder();
        var file = await folder.WriteAsync("disk.qcow2", DiskImages.Qcow2);
        var id = (await JsonAsync(owner.OpenStackAsync("image", "create", "--shared", "--disk-format", "qcow2", "--container-format", "bare",
            "--file", file, "tagged-" + Guid.NewGuid().ToString("N")[..8], "-f", "json"))).GetProperty("id").GetString()!;

        await OkAsync(owner.OpenStackAsync("image", "set", "--tag", "t1", "--tag", "t2", id));
        Assert.Equal(["t1", "t2"], (await ShowAsync(owner, id)).GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Order());

        Assert.Equal((member.ProjectId, "pending"), GlanceMemberRow(await OkAsync(owner.GlanceAsync("member-create", id, member.ProjectId)), id));
        Assert.Equal((member.ProjectId, "accepted"), GlanceMemberRow(await OkAsync(member.GlanceAsync("member-update", id, member.ProjectId, "accepted")), id));
        var glanceListed = owner.GlanceAsync("member-list", "--image-id", id);
        var shared = ListAsync(member, "--shared");
        Assert.Equal((member.ProjectId, "accepted"), GlanceMemberRow(await OkAsync(glanceListed), id));
        Assert.Contains(id, await shared);

        await OkAsync(owner.OpenStackAsync("image", "set", "--deactivate", id));
        Assert.Equal("deactivated", (await ShowAsync(owner, id)).GetProperty("status").GetString());
        var saved = Path.Combine(folder.Path, "saved.qcow2");
        var refused = await member.OpenStackAsync("image", "save", "--file", saved, id);
        Assert.NotEqual(0, refused.ExitCode);
        // openstacksdk ignores the answer to an action, so the member's refused reactivation exits 0: look at the status.
        await member.OpenStackAsync("image", "set", "--activate", id);
        Assert.Equal("deactivated", (await ShowAsync(owner, id)).GetProperty("status").GetString());

        await OkAsync(owner.OpenStackAsync("image", "set", "--activate", id));
        var shownToMember = ShowAsync(member, id);
        var save = member.OpenStackAsync("image", "save", "--file", saved, id);
        Assert.Equal("active", (await shownToMember).GetProperty("status").GetString());
        await OkAsync(save);
        Assert.Equal(DiskImages.Qcow2, await File.ReadAllBytesAsync(saved));

        await OkAsync(owner.GlanceAsync("member-delete", id, member.ProjectId));
        var glanceListedAfter = owner.GlanceAsync("member-list", "--image-id", id);
        var listedAfter = ListAsync(member, "--member-status", "all");
        Assert.DoesNotMatch(GlanceMemberRowPattern(id), (await OkAsync(glanceListedAfter)).Output);
        Assert.DoesNotContain(id, await listedAfter);
    }

    private async Task<(KeystoneUser Owner, KeystoneUser Member)> OwnerAndMemberAsync()
    {
        var owner = keystone.CreateProjectUserAsync("owner");
        var member = keystone.CreateProjectUserAsync("member");
        return (await owner, await member);
    }

    private static async Task<CommandLine.Result> OkAsync(Task<CommandLine.Result> command)
    {
        var result = await command;
        Assert.True(result.ExitCode == 0, result.Output);
        return result;
    }

    private static async Task<JsonElement> JsonAsync(Task<CommandLine.Result> command) =>
        JsonDocument.Parse((await OkAsync(command)).Output).RootElement;

    private static Task<JsonElement> ShowAsync(KeystoneUser user, string id) => JsonAsync(user.OpenStackAsync("image", "show", id, "-f", "json"));

    private static async Task<IReadOnlyList<string>> ListAsync(KeystoneUser user, params string[] filters) =>
        [.. (await JsonAsync(user.OpenStackAsync(["image", "list", .. filters, "-f", "json"]))).EnumerateArray().Select(i => i.GetProperty("ID").GetString()!)];

    private static async Task<IReadOnlyList<(string MemberId, string Status)>> MembersAsync(KeystoneUser user, string id) =>
        [.. (await JsonAsync(user.OpenStackAsync("image", "member", "list", id, "-f", "json"))).EnumerateArray()
            .Select(m => (m.GetProperty("Member ID").GetString()!, m.GetProperty("Status").GetString()!))];

    // glanceclient prints members as a table: | Image ID | Member ID | Status |
    private static Regex GlanceMemberRowPattern(string imageId) =>
        new($@"^\|\s*{Regex.Escape(imageId)}\s*\|\s*(\S+)\s*\|\s*(\S+)\s*\|\s*$", RegexOptions.Multiline);

    private static (string MemberId, string Status) GlanceMemberRow(CommandLine.Result result, string imageId)
    {
        var rows = GlanceMemberRowPattern(imageId).Matches(result.Output);
        Assert.True(rows.Count == 1, $"expected one member row for {imageId} in:\n{result.Output}");
        return (rows[0].Groups[1].Value, rows[0].Groups[2].Value);
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("keystone-sharing-").FullName;

        public async Task<string> WriteAsync(string name, byte[] content)
        {
            var file = System.IO.Path.Combine(Path, name);
            await File.WriteAllBytesAsync(file, content);
            return file;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
