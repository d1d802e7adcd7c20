using Glance.Domain.Tasks;

namespace Glance.Domain.Tests.Tasks;

public sealed class ImageTaskInputTests
{
    [Theory]
    [InlineData("https://files.example.com/images/disk.qcow2?sv=2024-01-01&sig=SECRET", "https://files.example.com/images/disk.qcow2")]
    [InlineData("https://user:secret@files.example.com/disk.qcow2", "https://files.example.com/disk.qcow2")]
    [InlineData("http://files.example.com:8080/a/b.img#token=SECRET", "http://files.example.com:8080/a/b.img")]
    [InlineData("https://files.example.com", "https://files.example.com/")]
    [InlineData("https://files.example.com:443/x?y", "https://files.example.com/x")]
    public void For_WebDownloadUri_KeepsSchemeHostPortAndPathOnly(string uri, string expected)
    {
        var input = ImageTaskInput.For("web-download", new Uri(uri));

        Assert.Equal(expected, input.Uri);
        Assert.Equal("web-download", input.Method);
    }

    [Fact]
    public void For_MethodWithoutUri_RecordsTheMethodOnly()
    {
        var input = ImageTaskInput.For("glance-direct");

        Assert.Equal(new ImageTaskInput("glance-direct", null), input);
        Assert.Equal("glance-direct", (ImageTask.Start("i", input, TestImages.Member("p1"), null, TestImages.Now)).Method);
    }

    [Fact]
    public void Redacted_InputStoredWithASasToken_DropsTheQueryAndKeepsTheMethod()
    {
        var stored = new ImageTaskInput("web-download", "https://u:p@files.example.com/d.img?sig=SECRET");

        var shown = stored.Redacted();

        Assert.Equal("https://files.example.com/d.img", shown.Uri);
        Assert.Equal("web-download", (ImageTask.Start("i", shown, TestImages.Member("p1"), null, TestImages.Now)).Method);
    }

    [Theory]
    [InlineData("upload-url", null)]
    [InlineData("web-download", "https://files.example.com/d.img")]
    [InlineData(null, null)]
    public void Redacted_NothingToRedact_ReturnsTheInputUnchanged(string? method, string? uri)
    {
        var stored = new ImageTaskInput(method, uri);

        Assert.Same(stored, stored.Redacted());
    }

    [Fact]
    public void Redacted_UriThatCannotBeRead_IsDropped()
    {
        var shown = new ImageTaskInput("web-download", "not a uri?sig=SECRET").Redacted();

        Assert.Null(shown.Uri);
        Assert.Equal("web-download", shown.Method);
    }
}
