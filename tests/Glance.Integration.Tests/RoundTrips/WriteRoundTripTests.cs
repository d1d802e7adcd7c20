using System.Text.Json;
using Azure.Core;
using Azure.Data.Tables;
using Glance.Domain.Application;
using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Listing;
using Glance.Domain.Patching;
using Glance.Domain.Ports;
using Glance.Functions.Requests;
using Glance.Integration.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Glance.Integration.Tests.RoundTrips;

/// <summary>
/// How many storage round trips each write waits for before it answers, counted on the app's own storage clients
/// against Azurite: on Azure each one costs milliseconds, so this is what decides a write's latency there. A write
/// commits one transaction, then writes the listing copies and anything else the change needs in parallel. It decides
/// on the state this instance last read or wrote of the image, if it has one, and otherwise reads it first (one read:
/// the image, its members and its listing marker); a state someone changed since costs a refused commit and a read.
/// </summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class WriteRoundTripTests(GlanceService service, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly Caller Owner = new("rt-owner", "u1", new HashSet<string> { "member", "reader" });
    private static readonly Caller Friend = new("rt-friend", "u2", new HashSet<string> { "member", "reader" });
    private readonly StorageRoundTrips _roundTrips = new();
    private ServiceProvider _app = null!;

    public Task InitializeAsync()
    {
        _app = InstrumentedApp.Build(service, _roundTrips);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private ImageService Images => _app.GetRequiredService<ImageService>();

    /// <summary>The same use cases in another instance (the fixture's local host), with storage shared.</summary>
    private ImageService OtherInstance => service.Trusted.App.Services.GetRequiredService<ImageService>();
    private ImageMemberService Members => _app.GetRequiredService<ImageMemberService>();

    [Fact]
    public async Task Create_IsOneTransactionThenTheCopies()
    {
        var (image, recording) = await MeasureAsync("create", () => Images.CreateAsync(Owner, CreateImageParser.Parse(Json("""{"name":"rt","disk_format":"raw","container_format":"bare"}"""))));

        Assert.Equal(2, recording.Sequential);
        Assert.Equal("rt", (await ListedAsync(image.Id))?.Name);
    }

    [Fact]
    public async Task Patch_IsOneTransactionThenTheCopies()
    {
        var image = await Images.CreateAsync(Owner, CreateImageParser.Parse(Json("""{"name":"before"}""")));
        var operations = JsonPatchParser.Parse(Json("""[{"op":"replace","path":"/name","value":"after"},{"op":"add","path":"/k","value":"v"}]"""), PatchMediaVersion.V21);

        var (_, recording) = await MeasureAsync("patch", () => Images.UpdateAsync(Owner, image.Id, operations, PatchMediaVersion.V21));

        Assert.Equal(2, recording.Sequential);
        Assert.Equal("after", (await ListedAsync(image.Id))?.Name);
    }

    [Fact]
    public async Task Patch_OfAnImageThisInstanceHasNotSeen_IsTheReadThenOneTransactionThenTheCopies()
    {
        var image = await OtherInstance.CreateAsync(Owner, CreateImageParser.Parse(Json("""{"name":"elsewhere"}""")));
        var operations = JsonPatchParser.Parse(Json("""[{"op":"replace","path":"/name","value":"here"}]"""), PatchMediaVersion.V21);

        var (_, recording) = await MeasureAsync("patch, cold", () => Images.UpdateAsync(Owner, image.Id, operations, PatchMediaVersion.V21));

        Assert.Equal(3, recording.Sequential);
        Assert.Equal("here", (await ListedAsync(image.Id))?.Name);
    }

    [Fact]
    public async Task Patch_AfterAChangeElsewhere_LosesNoUpdateAndPaysOneRefusedCommitAndARead()
    {
        var image = await Images.CreateAsync(Owner, CreateImageParser.Parse(Json("""{"name":"raced"}""")));
        // Another instance changes the image after this one saw it.
        await OtherInstance.UpdateAsync(Owner, image.Id,
            JsonPatchParser.Parse(Json("""[{"op":"add","path":"/elsewhere","value":"1"}]"""), PatchMediaVersion.V21), PatchMediaVersion.V21);
        var operations = JsonPatchParser.Parse(Json("""[{"op":"add","path":"/here","value":"2"}]"""), PatchMediaVersion.V21);

        var (patched, recording) = await MeasureAsync("patch, stale", () => Images.UpdateAsync(Owner, image.Id, operations, PatchMediaVersion.V21));

        Assert.Equal(4, recording.Sequential);
        Assert.Equal("1", patched.ExtraProperties["elsewhere"]);
        Assert.Equal("2", patched.ExtraProperties["here"]);
        var stored = (await _app.GetRequiredService<IImageRepository>().FindAsync(image.Id))!;
        Assert.Equal(["elsewhere", "here"], stored.ExtraProperties.Keys.Order());
    }

    [Fact]
    public async Task Delete_RefusedOnAnOldState_IsDecidedAgainOnTheCurrentOne()
    {
        var image = await Images.CreateAsync(Owner, CreateImageParser.Parse(Json("""{"name":"was-protected","protected":true}""")));
        await OtherInstance.UpdateAsync(Owner, image.Id,
            JsonPatchParser.Parse(Json("""[{"op":"replace","path":"/protected","value":false}]"""), PatchMediaVersion.V21), PatchMediaVersion.V21);

        await Images.DeleteAsync(Owner, image.Id);

        Assert.True((await _app.GetRequiredService<IImageRepository>().FindAsync(image.Id))!.IsDeleted);
    }

    [Fact]
    public async Task PatchToPublic_MovesTheCopiesInTheSameRoundTrip()
    {
        var image = await Images.CreateAsync(Owner, CreateImageParser.Parse(Json("""{"name":"goes-public"}""")));
        var admin = new Caller("rt-admin", "admin", new HashSet<string> { "admin", "member", "reader" });
        var operations = JsonPatchParser.Parse(Json("""[{"op":"replace","path":"/visibility","value":"public"}]"""), PatchMediaVersion.V21);

        var (_, recording) = await MeasureAsync("patch visibility", () => Images.UpdateAsync(admin, image.Id, operations, PatchMediaVersion.V21));

        // The download URLs issued under the old visibility are revoked too: one listing of the blob's snapshots.
        Assert.True(recording.Sequential <= 3, recording.ToString());
        Assert.Contains(image.Id, await ListedIdsAsync(ListingScope.Public));
    }

    [Fact]
    public async Task Delete_IsOneTransactionThenTheCopiesAndTheBytesTogether()
    {
        var image = await Images.CreateAsync(Owner, CreateImageParser.Parse(Json("""{"name":"doomed"}""")));

        var (_, recording) = await MeasureAsync("delete", async () =>
        {
            await Images.DeleteAsync(Owner, image.Id);
            return true;
        });

        Assert.Equal(2, recording.Sequential);
        Assert.Null(await ListedAsync(image.Id));
    }

    [Fact]
    public async Task MemberAddAndAccept_AreOneTransactionThenTheCopies()
    {
        var image = await Images.CreateAsync(Owner, CreateImageParser.Parse(Json("""{"name":"shared","visibility":"shared"}""")));

        var (_, added) = await MeasureAsync("member add", () => Members.AddAsync(Owner, image.Id, Friend.ProjectId!));
        var (_, accepted) = await MeasureAsync("member update", () => Members.UpdateStatusAsync(Friend, image.Id, Friend.ProjectId!, "accepted"));

        Assert.Equal(2, added.Sequential);
        Assert.Equal(2, accepted.Sequential);
        Assert.Contains(image.Id, await ListedIdsAsync(ListingScope.SharedWith(Friend.ProjectId!)));
    }

    [Fact]
    public async Task Show_IsOneRead()
    {
        var image = await Images.CreateAsync(Owner, CreateImageParser.Parse(Json("""{"name":"shown","visibility":"shared"}""")));
        await Members.AddAsync(Owner, image.Id, Friend.ProjectId!);

        var (_, byOwner) = await MeasureAsync("show", () => Images.GetAsync(Owner, image.Id));
        // A member's view needs its membership: it comes with the image, in the same read.
        var (_, byMember) = await MeasureAsync("show as member", () => Images.GetAsync(Friend, image.Id));

        Assert.Equal(1, byOwner.Sequential);
        Assert.Equal(1, byMember.Sequential);
    }

    [Fact]
    public async Task Create_MarkerStopsBeingPendingAfterTheAnswer()
    {
        var image = await Images.CreateAsync(Owner, CreateImageParser.Parse(Json("""{"name":"settles"}""")));
        var tables = _app.GetRequiredService<TableServiceClient>().GetTableClient("images");

        var deadline = DateTime.UtcNow.AddSeconds(10);
        TableEntity marker;
        do
        {
            await Task.Delay(50);
            marker = (await tables.GetEntityAsync<TableEntity>(image.Id, "listing:" + image.Id)).Value;
        }
        while (marker.ContainsKey("Pending") && DateTime.UtcNow < deadline);

        // The sweeper would have settled it too, but only minutes later and with a full sync.
        Assert.False(marker.ContainsKey("Pending"));
    }

    private async Task<(T Result, StorageRoundTrips.Recording Recording)> MeasureAsync<T>(string operation, Func<Task<T>> run)
    {
        var measured = await _roundTrips.MeasureAsync(run);
        output.WriteLine($"{operation}: {measured.Recording.Sequential} sequential of {measured.Recording.Requests} requests\n{measured.Recording}");
        return measured;
    }

    private async Task<Image?> ListedAsync(string imageId)
    {
        await foreach (var listed in _app.GetRequiredService<IImageRepository>().ListNewestFirstAsync([ListingScope.OwnedBy(Owner.ProjectId)], [], null, 1000))
        {
            if (listed.Image.Id == imageId)
            {
                return listed.Image;
            }
        }
        return null;
    }

    private async Task<List<string>> ListedIdsAsync(ListingScope scope)
    {
        var ids = new List<string>();
        await foreach (var listed in _app.GetRequiredService<IImageRepository>().ListNewestFirstAsync([scope], [], null, 1000))
        {
            ids.Add(listed.Image.Id);
        }
        return ids;
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
