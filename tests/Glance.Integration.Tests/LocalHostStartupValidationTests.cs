using Glance.Integration.Tests.Infrastructure;
using Glance.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Glance.Integration.Tests;

/// <summary>
/// The local host as scripts/run.sh starts it, over local.settings.sample.json: the sample passes every check the host
/// runs at start, and one bad setting (its own, or the app's it shares with the Functions worker) stops the start with
/// the setting's name, before Kestrel binds or anything reaches storage.
/// </summary>
public sealed class LocalHostStartupValidationTests
{
    private static readonly string Sample = Path.Combine(RepositoryRoot.Path, "local.settings.sample.json");

    private static WebApplication Build(string setting, string value) =>
        GlanceLocalHost.Build(["--LocalSettings", Sample], new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            // Nothing listens there: were a check missing, the start would fail on storage, not reach an Azurite.
            ["GlanceStorage"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;"
                + "BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;",
            ["Logging:LogLevel:Default"] = "None",
            [setting] = value,
        });

    [Fact]
    public async Task SampleSettings_PassEveryStartCheck()
    {
        await using var app = GlanceLocalHost.Build(["--LocalSettings", Sample, "--urls", "http://127.0.0.1:0"]);

        app.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Theory]
    [InlineData("http://127.0.0.1:9292")]
    [InlineData("http://127.0.0.1:0;http://[::1]:0")]
    [InlineData("http://*:9292")]
    [InlineData("https://localhost")]
    public async Task Urls_AsKestrelTakesThem_PassTheCheck(string urls)
    {
        await using var app = Build("urls", urls);

        app.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Theory]
    [InlineData("urls", "http://127.0.0.1:99999")]
    [InlineData("urls", "http://127.0.0.1:port")]
    [InlineData("urls", "127.0.0.1:9292")]
    [InlineData("Glance:LocalHost:BlobPolling:Interval", "00:00:00")]
    [InlineData("Glance:LocalHost:Timers:Interval", "-00:00:01")]
    [InlineData("Glance:LocalHost:QueuePolling:MaxDequeueCount", "0")]
    [InlineData("Glance:Images:UpdateAttempts", "0")]
    [InlineData("Glance:Events:Webhooks:0", "not a url")]
    public async Task BadSetting_HostFailsToStartNamingIt(string setting, string value)
    {
        await using var app = Build(setting, value);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(timeout.Token));

        Assert.Contains(setting, failure.Message, StringComparison.Ordinal);
    }
}
