using Glance.Authentication.Jwt;
using Glance.Authentication.Keystone;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Glance.Authentication.Tests;

/// <summary>The options as the app binds them (AddGlanceAuth), checked the way the host checks them at start.</summary>
public sealed class AuthOptionsValidationTests
{
    private static readonly Dictionary<string, string?> ValidJwt = new()
    {
        ["Glance:Auth:Mode"] = "jwt",
        ["Glance:Auth:Jwt:Authority"] = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0",
        ["Glance:Auth:Jwt:Audience"] = "api://glance",
    };

    private static readonly Dictionary<string, string?> ValidKeystone = new()
    {
        ["Glance:Auth:Mode"] = "keystone",
        ["Glance:Auth:Keystone:AuthUrl"] = "http://keystone.example:5000/v3",
        ["Glance:Auth:Keystone:Username"] = "glance",
        ["Glance:Auth:Keystone:Password"] = "secret",
        ["Glance:Auth:Keystone:ProjectName"] = "service",
    };

    private static ServiceProvider Provider(Dictionary<string, string?> settings, params (string Key, string? Value)[] changes)
    {
        var merged = new Dictionary<string, string?>(settings);
        foreach (var (key, value) in changes)
        {
            merged[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(merged).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddGlanceAuth(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>What the host runs at start for ValidateOnStart options; null when they pass.</summary>
    private static string? StartupFailure(Dictionary<string, string?> settings, params (string Key, string? Value)[] changes)
    {
        using var provider = Provider(settings, changes);
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (OptionsValidationException e)
        {
            return e.Message;
        }
    }

    [Fact]
    public void Jwt_WithAuthorityAndAudience_Starts()
    {
        Assert.Null(StartupFailure(ValidJwt));
    }

    [Fact]
    public void Jwt_WithMetadataAddressInsteadOfAuthority_Starts()
    {
        Assert.Null(StartupFailure(ValidJwt, ("Glance:Auth:Jwt:Authority", null),
            ("Glance:Auth:Jwt:MetadataAddress", "https://issuer.example/.well-known/openid-configuration")));
    }

    [Theory]
    [InlineData("Glance:Auth:Jwt:Authority", null, "Authority")]
    [InlineData("Glance:Auth:Jwt:Audience", "", "Audience")]
    [InlineData("Glance:Auth:Jwt:Authority", "http://issuer.example", "not HTTPS")]
    [InlineData("Glance:Auth:Jwt:Authority", "issuer.example", "not an absolute")]
    [InlineData("Glance:Auth:Jwt:ClockSkew", "01:00:00", "ClockSkew")]
    [InlineData("Glance:Auth:Jwt:MetadataRefreshInterval", "00:00:00.100", "MetadataRefreshInterval")]
    [InlineData("Glance:Auth:Jwt:ProjectClaim", " ", "ProjectClaim")]
    public void Jwt_Misconfigured_FailsAtStartNamingTheSetting(string key, string? value, string expected)
    {
        var failure = StartupFailure(ValidJwt, (key, value));

        Assert.NotNull(failure);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Jwt_PlainHttpIssuer_StartsOnlyWhenHttpsIsNotRequired()
    {
        Assert.Null(StartupFailure(ValidJwt, ("Glance:Auth:Jwt:Authority", "http://127.0.0.1:8080"), ("Glance:Auth:Jwt:RequireHttpsMetadata", "false")));
    }

    [Fact]
    public void Keystone_WithUrlAndServiceCredentials_Starts()
    {
        Assert.Null(StartupFailure(ValidKeystone));
    }

    [Theory]
    [InlineData("Glance:Auth:Keystone:AuthUrl", null, "AuthUrl")]
    [InlineData("Glance:Auth:Keystone:AuthUrl", "keystone:5000", "AuthUrl")]
    [InlineData("Glance:Auth:Keystone:Username", null, "service's own credentials")]
    [InlineData("Glance:Auth:Keystone:Password", "", "service's own credentials")]
    [InlineData("Glance:Auth:Keystone:ProjectName", null, "service's own credentials")]
    [InlineData("Glance:Auth:Keystone:CacheTime", "-00:00:01", "CacheTime")]
    [InlineData("Glance:Auth:Keystone:CacheSizeLimit", "0", "CacheSizeLimit")]
    [InlineData("Glance:Auth:Keystone:RequestTimeout", "00:00:00", "RequestTimeout")]
    public void Keystone_Misconfigured_FailsAtStartNamingTheSetting(string key, string? value, string expected)
    {
        var failure = StartupFailure(ValidKeystone, (key, value));

        Assert.NotNull(failure);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("oauth")]
    public void Mode_UnknownOrMissing_FailsAtStart(string mode)
    {
        Assert.NotNull(StartupFailure(new Dictionary<string, string?> { ["Glance:Auth:Mode"] = mode }));
    }

    [Theory]
    [InlineData("trusted", true)]
    [InlineData("noauth", true)]
    [InlineData("jwt", false)]
    [InlineData("keystone", false)]
    public void HeaderTrustingModes_InAzure_FailAtStart(string mode, bool refused)
    {
        var settings = new Dictionary<string, string?>(mode == "keystone" ? ValidKeystone : ValidJwt)
        {
            ["Glance:Auth:Mode"] = mode,
            ["WEBSITE_INSTANCE_ID"] = "0123456789abcdef",
        };

        var failure = StartupFailure(settings);

        Assert.Equal(refused, failure?.Contains("local development only", StringComparison.Ordinal) ?? false);
        Assert.Equal(refused, failure is not null);
    }

    [Theory]
    [InlineData("jwt", typeof(JwtCallerAuthenticator))]
    [InlineData("keystone", typeof(KeystoneCallerAuthenticator))]
    [InlineData("trusted", typeof(HeaderCallerAuthenticator))]
    [InlineData("noauth", typeof(HeaderCallerAuthenticator))]
    public void Mode_SelectsItsAuthenticator_WhichOutlivesTheRequestScope(string mode, Type expected)
    {
        using var provider = Provider(mode == "keystone" ? ValidKeystone : ValidJwt, ("Glance:Auth:Mode", mode));
        using var scope = provider.CreateScope();

        var authenticator = scope.ServiceProvider.GetRequiredService<ICallerAuthenticator>();

        Assert.IsType(expected, authenticator);
        // A request scope disposes what the selecting factory returned, even a singleton.
        Assert.False(authenticator is IDisposable or IAsyncDisposable, $"{expected.Name} would be disposed at the end of each request");
    }
}
