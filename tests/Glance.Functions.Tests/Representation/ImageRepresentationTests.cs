using System.Text;
using System.Text.Json;
using Glance.Domain;
using Glance.Domain.Listing;
using Glance.Functions.Representation;

namespace Glance.Functions.Tests.Representation;

public sealed class ImageRepresentationTests
{
    [Fact]
    public void Write_NewImage_HasEveryBaseKeyWithGlanceNullsAndLinks()
    {
        var image = TestImages.Owned("p1");
        image.SetProperty("k", "v");

        using var json = JsonDocument.Parse(Render(w => ImageRepresentation.Write(w, image)));
        var root = json.RootElement;

        string[] expected = ["k", "name", "disk_format", "container_format", "visibility", "size", "virtual_size", "status", "checksum",
            "protected", "min_ram", "min_disk", "owner", "os_hidden", "os_hash_algo", "os_hash_value", "id", "created_at",
            "updated_at", "tags", "self", "file", "schema"];
        Assert.Equal(expected, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("size").ValueKind);
        Assert.Equal("2026-11-26T12:00:00Z", root.GetProperty("created_at").GetString());
        Assert.Equal($"/v2/images/{image.Id}/file", root.GetProperty("file").GetString());
        Assert.Equal("/v2/schemas/image", root.GetProperty("schema").GetString());
    }

    [Fact]
    public void WriteList_FullPage_HasFirstAndNextWithTheQueryAndTheLastId()
    {
        var images = new[] { TestImages.Owned("p1"), TestImages.Owned("p1") };
        KeyValuePair<string, string>[] parameters = [new("limit", "2"), new("marker", "old"), new("name", "a b"), new("tag", "x:y,z")];

        using var json = JsonDocument.Parse(Render(w => ImageListRepresentation.Write(w, new ImagePage(images, true), parameters)));

        Assert.Equal("/v2/images?limit=2&name=a+b&tag=x%3Ay%2Cz", json.RootElement.GetProperty("first").GetString());
        Assert.Equal($"/v2/images?limit=2&name=a+b&tag=x%3Ay%2Cz&marker={images[1].Id}", json.RootElement.GetProperty("next").GetString());
        Assert.Equal("/v2/schemas/images", json.RootElement.GetProperty("schema").GetString());
    }

    [Fact]
    public void WriteList_RepeatedParameters_KeepTheirOrderAndRepeatsWithoutTheMarker()
    {
        KeyValuePair<string, string>[] parameters = [new("tag", "a"), new("marker", "m"), new("tag", "b"), new("limit", "2")];

        using var json = JsonDocument.Parse(Render(w => ImageListRepresentation.Write(w, new ImagePage([TestImages.Owned("p1")], false), parameters)));

        Assert.Equal("/v2/images?tag=a&tag=b&limit=2", json.RootElement.GetProperty("first").GetString());
    }

    [Fact]
    public void WriteList_LastPage_HasNoNext()
    {
        using var json = JsonDocument.Parse(Render(w => ImageListRepresentation.Write(w, new ImagePage([TestImages.Owned("p1")], false), [])));

        Assert.False(json.RootElement.TryGetProperty("next", out _));
        Assert.Equal("/v2/images", json.RootElement.GetProperty("first").GetString());
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
