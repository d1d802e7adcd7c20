namespace Glance.Upload.Tests;

public sealed class UploadOptionsTests : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    [Fact]
    public void Parse_NameAndFormat_DefaultsFromTheEnvironmentAndTheBrief()
    {
        var options = UploadOptions.Parse(["--name", "n", "--disk-format", "raw", _file],
            name => name switch { "OS_IMAGE_URL" => "http://glance.example:9292/image", "OS_AUTH_TOKEN" => "t0ken", _ => null });

        Assert.Equal(new Uri("http://glance.example:9292/image"), options.Endpoint);
        Assert.Equal("t0ken", options.Token);
        Assert.Equal("bare", options.ContainerFormat);
        Assert.Equal(8 * 1024 * 1024, options.BlockSize);
        Assert.Equal(4, options.MaxParallel);
        Assert.Equal(Path.GetFullPath(_file), options.FilePath);
    }

    [Fact]
    public void Parse_NoEnvironment_UsesGlancesLocalPortAndNoToken()
    {
        var options = UploadOptions.Parse(["--image", "i", _file], _ => null);

        Assert.Equal(new Uri(UploadOptions.DefaultEndpoint), options.Endpoint);
        Assert.Null(options.Token);
    }

    [Fact]
    public void Parse_OptionsOverTheEnvironment_OptionsWin()
    {
        var options = UploadOptions.Parse(["--image", "i", "--endpoint", "https://other", "--token", "mine", _file], _ => "from-env");

        Assert.Equal(new Uri("https://other"), options.Endpoint);
        Assert.Equal("mine", options.Token);
    }

    [Fact]
    public void Parse_RepeatedProperties_KeepsEachWithEqualsInValues()
    {
        var options = UploadOptions.Parse(["--name", "n", "--disk-format", "qcow2", "--property", "a=1", "--property", "b=x=y", _file], _ => null);

        Assert.Equal(new KeyValuePair<string, string>[] { new("a", "1"), new("b", "x=y") }, options.Properties);
    }

    [Fact]
    public void Parse_MoreBlocksThanAzureAllows_IsAUsageError()
    {
        using (var stream = File.OpenWrite(_file))
        {
            stream.SetLength(50_001L * 1024 * 1024);
        }

        var error = Assert.Throws<UsageException>(() => UploadOptions.Parse(["--image", "i", "--block-size-mib", "1", _file], _ => null));

        Assert.Contains("larger --block-size-mib", error.Message);
    }

    public void Dispose() => File.Delete(_file);
}
