using System.Net;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests.Metadefs;

/// <summary>The operator's <c>load-metadefs</c> command of the local host, run as a process against the service's Azurite.</summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class MetadefLoadCommandTests(GlanceService service)
{
    private Task<CommandLine.Result> RunAsync(params string[] arguments) => CommandLine.RunAsync("dotnet",
    [
        LocalHostProcess.LocalHostDll(), "load-metadefs", .. arguments,
        "--LocalSettings", "/nonexistent/local.settings.json", "--GlanceStorage", service.Azurite.ConnectionString,
        "--AzureWebJobsStorage", service.Azurite.ConnectionString, "--Glance:Auth:Mode", "trusted", "--Logging:LogLevel:Default", "Warning",
    ]);

    [Fact]
    public async Task LoadMetadefs_StandardCatalogueMerged_LoadsItAndServesIt()
    {
        var folder = await StandardMetadefs.FolderAsync();

        var first = await RunAsync(folder, "--merge");
        var again = await RunAsync(folder, "--merge");

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Matches(@"^0 created, 0 changed, \d+ left as they were$", again.Output.Trim().Split('\n')[^1]);
        using var reader = service.Client("any-project", "reader");
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/v2/metadefs/namespaces/OS::Compute::Watchdog")).StatusCode);
    }

    [Theory]
    [InlineData("/tmp", "--prefer_new")]
    [InlineData("/tmp", "--merge", "--prefer_new", "--overwrite")]
    [InlineData("--merge")]
    public async Task LoadMetadefs_UsageGlanceManageRefuses_Exits2(params string[] arguments)
    {
        var result = await RunAsync(arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage: load-metadefs", result.Output);
    }

    [Fact]
    public async Task LoadMetadefs_NoSuchFolder_Exits2SayingSo()
    {
        var result = await RunAsync("/nonexistent/metadefs");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no file or folder /nonexistent/metadefs", result.Output);
    }
}
