using System.Text.Json;
using Azure.Data.Tables;
using Glance.Domain.Events;
using Glance.Domain.Metadefs;
using Glance.Storage.Events;

namespace Glance.Integration.Tests;

/// <summary>
/// What an outbox row holds and gives back, without a table: rows of one or several events, rows written before
/// events carried their subject, Event Grid batches cut inside a row, and the metadef payloads key by key.
/// </summary>
public sealed class OutboxRowFormatTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
    private static readonly OutboxPartition Namespace = new("metadefs", "ns:id");

    private static MetadefEvent Tag(int i) => MetadefEvents.TagCreate("ns", new MetadefTag($"t{i}", Now, Now), Now);

    private static JsonElement Payload(GlanceEvent e) => JsonDocument.Parse(EventRows.Json(e)).RootElement.GetProperty("data");

    [Fact]
    public void RowFromBeforeSubjects_IsPublishedAsTheImageEventItHolds()
    {
        var row = new TableEntity("img", "event:0000000000000000003:img")
        {
            ["EventId"] = "e1", ["Type"] = "image.upload", ["Time"] = Now, ["Priority"] = "ERROR", ["Data0"] = "\"disk full\"",
        };

        var e = Assert.Single(EventRows.ToCloudEvents(row, "/glance"));

        Assert.Equal(("e1", "image.upload", "/images/img", Now, "error"), (e.Id, e.Type, e.Subject, e.Time, e.ExtensionAttributes["priority"]));
        Assert.Equal("\"disk full\"", e.Data!.ToString());
    }

    [Fact]
    public void PackedRow_GivesBackEveryEventInOrderWithItsIdSubjectAndPayload()
    {
        MetadefEvent[] events = [Tag(1), Tag(2)];

        var row = Assert.Single(OutboxCommit.Packed(Namespace, "id", 4, events).Rows);
        var published = EventRows.ToCloudEvents(row, "/glance");

        Assert.Equal(("ns:id", "event:0000000000000000004:id", Now), (row.PartitionKey, row.RowKey, row.GetDateTimeOffset("Time")));
        Assert.Equal(events.Select(e => (e.Id, e.Type, (string?)e.Subject, "info")), published.Select(e => (e.Id, e.Type, e.Subject, (string)e.ExtensionAttributes["priority"])));
        Assert.Equal("t2", JsonDocument.Parse(published[1].Data!.ToString()).RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public void Packed_PastARowsSize_TakesMoreRowsNumberedInOrder()
    {
        var events = Enumerable.Range(0, 2000).Select(Tag).ToList();

        var commit = OutboxCommit.Packed(Namespace, "id", 7, events);

        Assert.True(commit.Rows.Count > 1);
        Assert.Equal(Enumerable.Range(7, commit.Rows.Count).Select(i => EventRows.Key("id", i)), commit.Rows.Select(r => r.RowKey));
        Assert.Equal(7 + commit.Rows.Count, commit.NextSequence);
        Assert.All(commit.Rows, r => Assert.True(r.Count(p => p.Key.StartsWith("Events", StringComparison.Ordinal)) <= 7));
        Assert.Equal(events.Select(e => e.Id), commit.Rows.SelectMany(r => EventRows.ToCloudEvents(r, "/glance")).Select(e => e.Id));
    }

    [Fact]
    public void Batches_ARowWithMoreEventsThanABatch_IsSentInTwoAndCompletedByTheSecond()
    {
        var row = Assert.Single(OutboxCommit.Packed(Namespace, "id", 0, Enumerable.Range(0, 150).Select(Tag).ToList()).Rows);

        var batches = EventBatch.Split([row], "/glance").ToList();

        Assert.Equal([100, 50], batches.Select(b => b.Events.Count));
        Assert.All(batches, b => Assert.Same(row, b.FirstRow));
        Assert.Equal([0, 1], batches.Select(b => b.Completed.Count));
    }

    [Fact]
    public void PropertyPayload_NumericDefaultIsTextAsWsmeStoresItAndMissingFieldsAreNull()
    {
        var property = new MetadefPropertyDefinition("cores", """{"name":"cores","title":"Cores","type":"integer","default":2,"minimum":0}""");

        var data = Payload(MetadefEvents.PropertyUpdate("ns", property with { Name = "vcpus" }, property, Now));

        Assert.Equal(("cores", "vcpus", "2", 0), (data.GetProperty("name").GetString(), data.GetProperty("name_old").GetString(),
            data.GetProperty("default").GetString(), data.GetProperty("minimum").GetInt32()));
        Assert.Equal(JsonValueKind.Null, data.GetProperty("maximum").ValueKind);
    }

    [Fact]
    public void ObjectPayload_FalsyFieldsAreNullAsGlancesOrNoneMakesThem()
    {
        var obj = new MetadefObject("o", null, ["p"], [new("p", """{"title":"P","type":"integer","minimum":0,"default":0,"enum":[],"confidential":false,"maximum":5}""")],
            Now, default);

        var data = Payload(MetadefEvents.ObjectDelete("ns", obj, Now.AddHours(1)));

        var property = Assert.Single(data.GetProperty("properties").EnumerateArray());
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null, JsonValueKind.Null), (property.GetProperty("minimum").ValueKind, property.GetProperty("enum").ValueKind,
            property.GetProperty("confidential").ValueKind));
        Assert.Equal(("0", 5), (property.GetProperty("default").GetString(), property.GetProperty("maximum").GetInt32()));
        Assert.Equal(["p"], data.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        // Never updated: Glance's isotime shows the time of the call.
        Assert.Equal(("2026-12-06T10:00:00Z", true, "2026-12-06T10:00:00Z"), (data.GetProperty("updated_at").GetString(), data.GetProperty("deleted").GetBoolean(),
            data.GetProperty("deleted_at").GetString()));
    }
}
