using Glance.Functions;
using Glance.Functions.Telemetry;

namespace Glance.LocalHost;

/// <summary>
/// Runs the Functions app's own function classes over Kestrel on loopback, with the same DI registration as
/// the worker, for machines where Azure Functions Core Tools cannot be installed.
/// </summary>
public static class GlanceLocalHost
{
    public const string DefaultUrl = "http://127.0.0.1:9292";

    /// <param name="args">Command-line configuration, e.g. <c>--urls http://127.0.0.1:9393 --LocalSettings path</c>.</param>
    /// <param name="overrides">Settings that win over every other source (tests use this).</param>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var settingsPath = builder.Configuration["LocalSettings"] ?? FindFunctionsLocalSettings();
        if (settingsPath is not null)
        {
            builder.Configuration.AddLocalSettingsFile(settingsPath);
            // Command-line arguments keep the last word over the settings file.
            builder.Configuration.AddCommandLine(args);
        }
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }
        if (string.IsNullOrEmpty(builder.Configuration[LocalHostUrls.Setting]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        builder.Services.AddGlanceTelemetry(builder.Configuration);
        builder.Services.AddGlanceApp(builder.Configuration);
        builder.Services.AddOptions<LocalHostUrls>().Configure(o => o.Urls = builder.Configuration[LocalHostUrls.Setting] ?? DefaultUrl)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<BlobTriggerPollerOptions>().Bind(builder.Configuration.GetSection(BlobTriggerPollerOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<BlobTriggerPoller>();
        builder.Services.AddOptions<QueueTriggerPollerOptions>().Bind(builder.Configuration.GetSection(QueueTriggerPollerOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<QueueTriggerPoller>();
        builder.Services.AddOptions<TimerTriggerRunnerOptions>().Bind(builder.Configuration.GetSection(TimerTriggerRunnerOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<TimerTriggerRunner>();
        var app = builder.Build();
        app.MapGlanceFunctions();
        return app;
    }

    /// <summary>src/Glance.Functions/local.settings.json, where `func start` reads it too.</summary>
    private static string? FindFunctionsLocalSettings()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GlanceFunctions.sln")))
            {
                return Path.Combine(dir.FullName, "src", "Glance.Functions", "local.settings.json");
            }
        }
        return null;
    }
}
