using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Glance.Integration.Tests.Infrastructure;
using Glance.Storage.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Integration.Tests.Faults;

/// <summary>
/// Breaks: storage, while PATCHes of one image are being made one after the other (so one is in flight when Azurite
/// stops), and for every kind of request during the outage. Proves: every request during the outage gets Glance's
/// 503 within a bounded time, never a 500 with internals and never a hang; an acknowledged PATCH is never lost and an
/// unacknowledged one is either wholly there or wholly absent; after the restart the image, its listing copy and its
/// events agree, and retrying works.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class AzuriteStoppedDuringPatchTests() : FaultTest<LocalHostInstance>(() => FaultRig.StartAsync(), rig => rig.StartHostAsync())
{
    private static readonly TimeSpan Answered = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Patch_AzuriteStoppedMidStream_EveryAnswerIs2xxOr503AndAfterRestartTheImageIsConsistent()
    {
        using var client = FaultRig.Client(Host.BaseUrl);
        var id = await client.CreateRawImageAsync("patch-outage");
        var answers = new ConcurrentDictionary<string, HttpStatusCode>();
        using var stopPatching = new CancellationTokenSource();
        var patching = Task.Run(async () =>
        {
            for (var i = 0; !stopPatching.IsCancellationRequested; i++)
            {
                var response = await client.PatchJsonAsync($"/v2/images/{id}", $$"""[{"op":"add","path":"/p{{i}}","value":"v{{i}}"}]""").WaitAsync(Answered);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    await FaultAssert.ServiceUnavailableAsync(response, $"PATCH p{i}");
                }
                answers[$"p{i}"] = response.StatusCode;
            }
        });
        await Poll.UntilAsync(() => answers.Count >= 5, Answered, "fewer than 5 PATCHes were answered before the outage");

        await Rig.Azurite.StopAsync();
        var duringOutage = new (string What, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("PATCH", () => client.PatchJsonAsync($"/v2/images/{id}", """[{"op":"replace","path":"/name","value":"during"}]""")),
            ("GET image", () => client.GetAsync($"/v2/images/{id}")),
            ("GET list", () => client.GetAsync("/v2/images")),
            ("POST image", () => client.PostJsonAsync("/v2/images", """{"name":"born-in-outage"}""")),
            ("PUT tag", () => client.PutAsync($"/v2/images/{id}/tags/outage", null)),
            ("GET tasks", () => client.GetAsync($"/v2/images/{id}/tasks")),
            ("DELETE", () => client.DeleteAsync($"/v2/images/{id}")),
        };
        await Task.WhenAll(duringOutage.Select(async r => await FaultAssert.ServiceUnavailableAsync(await r.Send().WaitAsync(Answered), r.What)));
        await Poll.UntilAsync(() => answers.Values.Any(s => s == HttpStatusCode.ServiceUnavailable), Answered,
            "no PATCH was answered 503 during the outage");
        stopPatching.Cancel();
        await patching;
        await Rig.Azurite.RestartAsync();

        var shown = await (await client.GetAsync($"/v2/images/{id}")).JsonAsync();
        Assert.Equal("patch-outage", shown.GetProperty("name").GetString());
        Assert.Empty(shown.GetProperty("tags").EnumerateArray());
        foreach (var (property, status) in answers)
        {
            if (status == HttpStatusCode.OK)
            {
                Assert.True(shown.TryGetProperty(property, out _), $"PATCH {property} was acknowledged but is lost");
            }
        }
        Assert.Equal(HttpStatusCode.OK, (await client.PatchJsonAsync($"/v2/images/{id}", """[{"op":"replace","path":"/name","value":"after"}]""")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync($"/v2/images/{id}/tags/after", null)).StatusCode);
        shown = await (await client.GetAsync($"/v2/images/{id}")).JsonAsync();
        var listed = Assert.Single((await (await client.GetAsync("/v2/images")).JsonAsync()).GetProperty("images").EnumerateArray());
        Assert.Equal(shown.GetRawText(), listed.GetRawText());

        await Rig.Audit.AssertRecoveredAsync(FaultRig.Patience);
        var types = Rig.Audit.EventTypesOf(id);
        Assert.Equal("image.create", types[0]);
        Assert.All(types.Skip(1), t => Assert.Equal("image.update", t));
    }

    [Fact]
    public async Task ListingSync_StorageStoppedAfterACommit_LeavesTheCopiesToTheSweeperInsteadOfFailingTheRequest()
    {
        using var client = FaultRig.Client(Host.BaseUrl);
        var id = (await client.CreateImageAsync("""{"name":"sync-outage"}""")).GetProperty("id").GetString()!;
        var listing = Host.App.Services.GetRequiredService<ListingIndex>();

        // Where a request stands right after its change committed: it syncs the listing copies before answering.
        await Rig.Azurite.StopAsync();
        var sync = await Record.ExceptionAsync(() => listing.SyncAsync(id, CancellationToken.None).WaitAsync(Answered));
        await Rig.Azurite.RestartAsync();

        Assert.Null(sync);
        await Rig.Audit.AssertRecoveredAsync(FaultRig.Patience);
    }
}
