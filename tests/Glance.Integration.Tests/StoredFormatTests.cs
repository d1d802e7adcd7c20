using System.Text.Json;
using Glance.Domain.Events;
using Glance.Domain.Images;
using Glance.Domain.Members;
using Glance.Domain.Tasks;
using Glance.Storage.Events;
using Glance.Storage.Tables;

namespace Glance.Integration.Tests;

/// <summary>
/// What Glance.Storage writes into a row as JSON, without a table: a task's input (which earlier versions wrote as
/// text the domain parsed) and a notification's payload (which the domain wrote before the publisher did).
/// </summary>
public sealed class StoredFormatTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("glance-direct", null, """{"method":{"name":"glance-direct"}}""")]
    [InlineData("web-download", "https://files.example.com/d.img", """{"method":{"name":"web-download","uri":"https://files.example.com/d.img"}}""")]
    [InlineData(null, null, "{}")]
    public void TaskInput_Written_IsGlancesInputShape(string? method, string? uri, string expected)
    {
        Assert.Equal(expected, ImageTaskInputJson.Write(new ImageTaskInput(method, uri)));
    }

    [Theory]
    [InlineData("""{"method": {"name": "web-download", "uri": "https://u:p@files.example.com/d.img?sig=SECRET"}}""", "web-download",
        "https://u:p@files.example.com/d.img?sig=SECRET")]
    [InlineData("""{"method": {"name": "glance-direct", "uri": null}}""", "glance-direct", null)]
    [InlineData("{}", null, null)]
    [InlineData("not json", null, null)]
    [InlineData("""{"method": "web-download"}""", null, null)]
    public void TaskInput_StoredByAnyVersion_ReadsWhatItNames(string stored, string? method, string? uri)
    {
        Assert.Equal(new ImageTaskInput(method, uri), ImageTaskInputJson.Read(stored));
    }

    [Fact]
    public void EventPayload_Image_IsGlancesNotificationWithoutLocationsOrHashes()
    {
        var image = new Image("c65343ef-c21b-4710-830f-470cfaa2edb5", Now) { Owner = "p1", Name = "n", Visibility = ImageVisibility.Public };
        image.SetProperty("k", "v");
        image.AddTag("t");

        var json = EventPayloadJson.Write(ImageEvents.Prepare(image, Now).Payload);

        Assert.Equal(
            """{"id":"c65343ef-c21b-4710-830f-470cfaa2edb5","name":"n","status":"queued","created_at":"2026-11-26T12:00:00Z","updated_at":"2026-11-26T12:00:00Z","min_disk":0,"min_ram":0,"protected":false,"checksum":null,"owner":"p1","disk_format":null,"container_format":null,"size":null,"virtual_size":null,"is_public":true,"visibility":"public","properties":{"k":"v"},"tags":["t"],"deleted":false,"deleted_at":null,"os_glance_importing_to_stores":[],"os_glance_failed_import":[]}""",
            json);
    }

    [Fact]
    public void EventPayload_ImageChangedAfterTheEvent_ReportsTheImageAsItWas()
    {
        var image = new Image("c65343ef-c21b-4710-830f-470cfaa2edb5", Now) { Owner = "p1", Name = "before" };
        var created = ImageEvents.Create(image, Now);

        image.Rename("after");

        Assert.Equal("before", JsonDocument.Parse(EventPayloadJson.Write(created.Payload)).RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public void EventPayload_UploadFailure_IsABareString()
    {
        Assert.Equal("\"disk \\u0022full\\u0022\"", EventPayloadJson.Write(ImageEvents.UploadFailed("i", "disk \"full\"", Now).Payload));
    }

    [Fact]
    public void EventPayload_MemberDeleted_CarriesTheDeletionTime()
    {
        var member = new ImageMember("i", "p2", ImageMember.Accepted, Now, Now);

        var json = EventPayloadJson.Write(ImageEvents.MemberDelete(member, Now.AddHours(1)).Payload);

        Assert.Equal(
            """{"image_id":"i","member_id":"p2","status":"accepted","created_at":"2026-11-26T12:00:00Z","updated_at":"2026-11-26T12:00:00Z","deleted":true,"deleted_at":"2026-11-26T13:00:00Z"}""",
            json);
    }
}
