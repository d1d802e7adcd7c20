using System.Net;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests.Faults;

/// <summary>
/// Breaks: the two things a notification passes through after its change commits: the receiver (the webhook is taken
/// down, connections refused, while changes keep committing) and storage (Azurite stopped while a batch is being
/// delivered, so the events are sent but cannot be removed from the outbox, and while later changes fail). Proves: the
/// outbox keeps every committed change's event through the outage; afterwards each one arrives, duplicates carry the
/// same CloudEvent id and payload, de-duplicated they are exactly the committed changes in per-image commit order, and
/// nothing is left in the outbox.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class EventPublishFaultTests() : FaultTest<LocalHostInstance>(() => FaultRig.StartAsync(), rig => rig.StartHostAsync())
{
    [Fact]
    public async Task Publish_WebhookDownWhileChangesCommit_EveryEventArrivesInOrderOnceItIsBack()
    {
        using var client = FaultRig.Client(Host.BaseUrl);
        await Rig.Events.StopListeningAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = (await client.CreateImageAsync($$"""{"name":"webhook-down-{{i}}"}""")).GetProperty("id").GetString()!;
            ids.Add(id);
            for (var n = 0; n < 3; n++)
            {
                Assert.Equal(HttpStatusCode.OK, (await client.PatchJsonAsync($"/v2/images/{id}", $$"""[{"op":"replace","path":"/min_ram","value":{{n}}}]""")).StatusCode);
            }
        }
        // Long enough for failed attempts, their backoff and the sweeper's passes while nobody listens.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Empty(Rig.Events.Events);

        await Rig.Events.ListenAgainAsync();

        await Rig.Audit.AssertRecoveredAsync(FaultRig.Patience);
        foreach (var id in ids)
        {
            var events = Rig.Audit.DistinctEventsOf(id);
            Assert.Equal(["image.create", "image.update", "image.update", "image.update"], events.Select(e => e.GetProperty("type").GetString()));
            Assert.Equal([0, 1, 2], events.Skip(1).Select(e => e.GetProperty("data").GetProperty("min_ram").GetInt32()));
        }
    }

    [Fact]
    public async Task Publish_AzuriteStoppedWhileABatchIsDelivered_TheOutboxRepublishesAndNothingIsLostOrReordered()
    {
        using var client = FaultRig.Client(Host.BaseUrl);
        var id = (await client.CreateImageAsync("""{"name":"publish-outage"}""")).GetProperty("id").GetString()!;
        await Rig.Events.WaitForAsync(all => all.Any(), FaultRig.Patience);

        // The receiver holds the next delivery unanswered: the events are on their way, still in the outbox.
        Rig.Events.Hold();
        Assert.Equal(HttpStatusCode.OK, (await client.PatchJsonAsync($"/v2/images/{id}", """[{"op":"add","path":"/k1","value":"v1"}]""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PatchJsonAsync($"/v2/images/{id}", """[{"op":"add","path":"/k2","value":"v2"}]""")).StatusCode);
        await Poll.UntilAsync(() => Rig.Events.Held > 0, TimeSpan.FromSeconds(30), "the receiver never held a delivery");
        await Rig.Azurite.StopAsync();
        Rig.Events.Release();
        // A change attempted during the outage commits nothing and so must report nothing.
        await FaultAssert.ServiceUnavailableAsync(
            await client.PatchJsonAsync($"/v2/images/{id}", """[{"op":"add","path":"/lost","value":"x"}]"""), "PATCH");
        await Rig.Azurite.RestartAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.PatchJsonAsync($"/v2/images/{id}", """[{"op":"add","path":"/k3","value":"v3"}]""")).StatusCode);

        await Rig.Audit.AssertRecoveredAsync(FaultRig.Patience);
        var events = Rig.Audit.DistinctEventsOf(id);
        Assert.Equal(["image.create", "image.update", "image.update", "image.update"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(["k1", "k1,k2", "k1,k2,k3"],
            events.Skip(1).Select(e => string.Join(",", e.GetProperty("data").GetProperty("properties").EnumerateObject().Select(p => p.Name))));
    }
}
