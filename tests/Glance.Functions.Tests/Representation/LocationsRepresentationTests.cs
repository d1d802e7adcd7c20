using System.Text;
using System.Text.Json;
using Glance.Domain.Data;
using Glance.Domain.Identity;
using Glance.Domain.Stores;
using Glance.Domain.Tasks;
using Glance.Functions.Representation;

namespace Glance.Functions.Tests.Representation;

/// <summary>GET /v2/images/{id}/locations and a location_import task, as Glance 2.17 shows them.</summary>
public sealed class LocationsRepresentationTests
{
    [Fact]
    public void Write_Multistore_NamesEachLocationsStore()
    {
        ImageLocation[] locations = [new("fast", "i1"), new("slow", "i1")];

        var json = Render(w => LocationsRepresentation.Write(w, locations, l => $"https://a/{l.StoreId}/{l.ImageId}", multistore: true));

        Assert.Equal("""[{"url":"https://a/fast/i1","metadata":{"store":"fast"}},{"url":"https://a/slow/i1","metadata":{"store":"slow"}}]""", json);
    }

    [Fact]
    public void Write_WithoutMultistore_HasEmptyMetadata()
    {
        var json = Render(w => LocationsRepresentation.Write(w, [new ImageLocation("default", "i1")], _ => "https://a/images/i1", multistore: false));

        Assert.Equal("""[{"url":"https://a/images/i1","metadata":{}}]""", json);
    }

    [Fact]
    public void Write_NoLocation_IsAnEmptyArray()
    {
        Assert.Equal("[]", Render(w => LocationsRepresentation.Write(w, [], _ => "", multistore: false)));
    }

    [Fact]
    public void ImageWrite_BothOptionsOn_HasDirectUrlAndLocations()
    {
        var image = TestImages.Owned("p1");
        var fields = new ImageLocationFields(_ => [new ImageLocation("default", image.Id)], l => $"https://a/images/{l.ImageId}", false, true, true);

        using var json = JsonDocument.Parse(Render(w => ImageRepresentation.Write(w, image, fields)));

        Assert.Equal($"https://a/images/{image.Id}", json.RootElement.GetProperty("direct_url").GetString());
        Assert.Equal($$$"""[{"url":"https://a/images/{{{image.Id}}}","metadata":{}}]""", json.RootElement.GetProperty("locations").GetRawText());
    }

    [Fact]
    public void ImageWrite_CallerShownNoLocation_HasAnEmptyArrayAndNoDirectUrl()
    {
        var image = TestImages.Owned("p1");
        var fields = new ImageLocationFields(_ => [], _ => "", false, true, true);

        using var json = JsonDocument.Parse(Render(w => ImageRepresentation.Write(w, image, fields)));

        Assert.Equal("[]", json.RootElement.GetProperty("locations").GetRawText());
        Assert.False(json.RootElement.TryGetProperty("direct_url", out _));
    }

    [Fact]
    public void ImageWrite_OptionsOff_HasNeitherField()
    {
        using var json = JsonDocument.Parse(Render(w => ImageRepresentation.Write(w, TestImages.Owned("p1"))));

        Assert.False(json.RootElement.TryGetProperty("locations", out _));
        Assert.False(json.RootElement.TryGetProperty("direct_url", out _));
    }

    [Fact]
    public void TaskWrite_LocationImport_HasGlancesInput()
    {
        var declared = new UploadExpectations(null, null, "sha512", new string('a', 128));
        var task = ImageTask.AcceptLocation("i1", ImageTaskInput.ForLocation("https://a/images/i0", declared), Caller.WithoutRoles("p1"), null,
            new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));

        using var json = JsonDocument.Parse(Render(w => TaskRepresentation.Write(w, task)));

        Assert.Equal("location_import", json.RootElement.GetProperty("type").GetString());
        Assert.Equal($$$"""{"image_id":"i1","loc_url":"https://a/images/i0","validation_data":{"os_hash_algo":"sha512","os_hash_value":"{{{new string('a', 128)}}}"}}""",
            json.RootElement.GetProperty("input").GetRawText());
    }

    private static string Render(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
