using System.Text.Json;
using Glance.Functions.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Glance.Functions.Tests.Startup;

/// <summary>
/// The services as Program.cs registers them (AddGlanceTelemetry, AddGlanceApp) over the settings of
/// local.settings.sample.json: those settings, and the defaults, pass every check the host runs at start; one bad
/// setting stops the host's start with the setting's name, before anything reaches storage or serves a request.
/// </summary>
public sealed class StartupValidationTests
{
    /// <summary>Nothing listens there: were a check missing, storage initialisation would fail rather than reach an Azurite.</summary>
    private const string UnreachableStorage =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;"
        + "QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;";

    private static IHost Host(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddGlanceTelemetry(builder.Configuration);
        builder.Services.AddGlanceApp(builder.Configuration);
        return builder.Build();
    }

    /// <summary>The sample's Values as Core Tools passes them to the worker: environment variables, <c>__</c> between sections.</summary>
    private static Dictionary<string, string?> SampleSettings()
    {
        var sample = Path.Combine(RepositoryRoot(), "local.settings.sample.json");
        using var document = JsonDocument.Parse(File.ReadAllText(sample));
        return document.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(v => v.Name.Replace("__", ":", StringComparison.Ordinal), v => (string?)v.Value.GetString());
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GlanceFunctions.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("GlanceFunctions.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void SampleSettings_PassEveryStartCheck()
    {
        using var host = Host(SampleSettings());

        host.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void Defaults_WithOnlyStorageAndAuthMode_PassEveryStartCheck()
    {
        using var host = Host(new Dictionary<string, string?> { ["GlanceStorage"] = "UseDevelopmentStorage=true", ["Glance:Auth:Mode"] = "jwt",
            ["Glance:Auth:Jwt:Authority"] = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0",
            ["Glance:Auth:Jwt:Audience"] = "api://glance" });

        host.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Theory]
    [InlineData("Glance:Images:UpdateAttempts", "0")]
    [InlineData("Glance:Images:LimitParamDefault", "0")]
    [InlineData("Glance:Images:ApiLimitMax", "-1")]
    [InlineData("Glance:Members:ImageMemberQuota", "many")]
    [InlineData("Glance:Quotas:Defaults:ImageSizeTotal", "lots")]
    [InlineData("Glance:Quotas:Projects:p1:ImageCountTotal", "1.5")]
    [InlineData("Glance:Quotas:Defaults:ImageCount", "100")]
    [InlineData("Glance:Api:MaxJsonBodyBytes", "10")]
    [InlineData("Glance:Api:PublicEndpoint", "glance.example:9292")]
    [InlineData("FUNCTIONS_REQUEST_BODY_SIZE_LIMIT", "0")]
    [InlineData("Glance:Data:ImageSizeCap", "0")]
    [InlineData("Glance:Data:HashingAlgorithm", "crc32")]
    [InlineData("Glance:Data:UploadUrlLifetime", "8.00:00:00")]
    [InlineData("Glance:Data:DownloadUrlLifetime", "00:00:00")]
    [InlineData("Glance:Data:StaleOperationAfter", "-01:00:00")]
    [InlineData("Glance:Data:EnabledImportMethods:0", "copy-image", "Glance:Data:EnabledImportMethods")]
    [InlineData("Glance:Import:WebDownload:MaxRedirects", "-1")]
    [InlineData("Glance:Import:WebDownload:IdleReadTimeout", "00:00:00")]
    [InlineData("Glance:Import:WebDownload:MaxDuration", "05:00:00")]
    [InlineData("Glance:Import:WebDownload:AllowedPorts:0", "70000", "Glance:Import:WebDownload:AllowedPorts")]
    [InlineData("Glance:Import:WebDownload:DisallowedHosts:0", " ", "Glance:Import:WebDownload:DisallowedHosts")]
    [InlineData("Glance:Policy:Rules:get_image", "role:admin or (", "get_image")]
    [InlineData("Glance:Storage:ImagesTable", "my-images")]
    [InlineData("Glance:Storage:ListingSweepAfter", "00:00:00")]
    [InlineData("Glance:Events:TopicEndpoint", "not a url")]
    [InlineData("Glance:Events:TopicKey", "key-without-topic")]
    [InlineData("Glance:Events:Webhooks:0", "127.0.0.1:9999/events")]
    [InlineData("Glance:Events:Source", "")]
    [InlineData("Glance:Events:MaxRetryDelay", "00:00:00")]
    [InlineData("Glance:Events:StuckAfterAttempts", "0")]
    [InlineData("Glance:Auth:Mode", "oauth")]
    [InlineData("Glance:Auth:Mode", "jwt", "Glance:Auth:Jwt:Authority")]
    public async Task BadSetting_HostFailsToStartNamingIt(string setting, string value, string? named = null)
    {
        var settings = SampleSettings();
        settings["GlanceStorage"] = UnreachableStorage;
        settings[setting] = value;
        using var host = Host(settings);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(timeout.Token));

        Assert.False(failure is OperationCanceledException, $"The host got past its checks and waited for storage: {failure}");
        Assert.Contains(named ?? setting, failure.Message, StringComparison.Ordinal);
    }
}
