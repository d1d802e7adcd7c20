using System.Text.Json;
using Glance.Domain.Tasks;

namespace Glance.Domain.Tests.Tasks;

public sealed class ImageTaskInputTests
{
    private static string? UriOf(string input)
    {
        using var document = JsonDocument.Parse(input);
        return document.RootElement.GetProperty("method").TryGetProperty("uri", out var uri) ? uri.GetString() : null;
    }

    [Theory]
    [InlineData("https://files.example.com/images/disk.qcow2?sv=2024-01-01&sig=SECRET", "https://files.example.com/images/disk.qcow2")]
    [InlineData("https://user:secret@files.example.com/disk.qcow2", "https://files.example.com/disk.qcow2")]
    [InlineData("http://files.example.com:8080/a/b.img#token=SECRET", "http://files.example.com:8080/a/b.img")]
    [InlineData("https://files.example.com", "https://files.example.com/")]
    [InlineData("https://files.example.com:443/x?y", "https://files.example.com/x")]
    public void For_WebDownloadUri_KeepsSchemeHostPortAndPathOnly(string uri, string expected)
    {
        var input = ImageTaskInput.For("web-download", new Uri(uri));

        Assert.Equal(expected, UriOf(input));
        Assert.DoesNotContain("SECRET", input, StringComparison.Ordinal);
    }

    [Fact]
    public void For_MethodWithoutUri_RecordsTheMethodOnly()
    {
        var input = ImageTaskInput.For("glance-direct");

        Assert.Equal("""{"method":{"name":"glance-direct"}}""", input);
        Assert.Equal("glance-direct", (ImageTask.Start("i", input, TestImages.Member("p1"), null, TestImages.Now)).Method);
    }

    [Fact]
    public void Redacted_InputStoredWithASasToken_DropsTheQueryAndKeepsTheMethod()
    {
        var stored = """{"method": {"name": "web-download", "uri": "https://u:p@files.example.com/d.img?sig=SECRET"}}""";

        var shown = ImageTaskInput.Redacted(stored);

        Assert.Equal("https://files.example.com/d.img", UriOf(shown));
        Assert.Equal("web-download", (ImageTask.Start("i", shown, TestImages.Member("p1"), null, TestImages.Now)).Method);
    }

    [Theory]
    [InlineData("""{"method": {"name": "upload-url"}}""")]
    [InlineData("""{"method": {"name": "glance-direct", "uri": null}}""")]
    [InlineData("""{"method": {"name": "web-download", "uri": "https://files.example.com/d.img"}}""")]
    [InlineData("{}")]
    [InlineData("not json")]
    public void Redacted_NothingToRedact_ReturnsTheInputUnchanged(string stored)
    {
        Assert.Same(stored, ImageTaskInput.Redacted(stored));
    }

    [Fact]
    public void Redacted_UriThatCannotBeRead_IsDropped()
    {
        var shown = ImageTaskInput.Redacted("""{"method": {"name": "web-download", "uri": "not a uri?sig=SECRET"}}""");

        Assert.Null(UriOf(shown));
        Assert.DoesNotContain("SECRET", shown, StringComparison.Ordinal);
    }
}
