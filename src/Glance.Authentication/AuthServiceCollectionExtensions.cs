using Glance.Authentication.Jwt;
using Glance.Authentication.Keystone;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Glance.Authentication;

public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// The auth options, validated at start, and the one <see cref="ICallerAuthenticator"/> that
    /// <see cref="AuthOptions.Mode"/> selects. Each implementation is registered, but only the selected one is ever
    /// created, so a mode's dependencies (metadata client, Keystone cache) exist only in that mode.
    /// </summary>
    public static IServiceCollection AddGlanceAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>>(new LocalOnlyAuthModes(configuration));
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();

        services.AddSingleton<HeaderCallerAuthenticator>();
        services.AddSingleton(provider => new OidcMetadataCache(
            provider.GetRequiredService<IOptions<AuthOptions>>().Value.Jwt,
            // Kept for the life of the app: recycling pooled connections lets a change of the issuer's DNS take effect.
            new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(15) },
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<OidcMetadataCache>>()));
        services.AddSingleton<JwtCallerAuthenticator>();
        services.AddSingleton<KeystoneServiceToken>();
        services.AddSingleton<KeystoneValidationCache>();
        services.AddHttpClient<KeystoneClient>((provider, http) =>
        {
            var keystone = provider.GetRequiredService<IOptions<AuthOptions>>().Value.Keystone;
            http.BaseAddress = keystone.V3Url;
            http.Timeout = keystone.RequestTimeout;
        });
        services.AddScoped<KeystoneCallerAuthenticator>();

        // None of the authenticators is disposable, and must not become so: a scope disposes what this factory returns,
        // singletons included.
        services.AddScoped<ICallerAuthenticator>(provider => provider.GetRequiredService<IOptions<AuthOptions>>().Value.Mode switch
        {
            AuthModes.Jwt => provider.GetRequiredService<JwtCallerAuthenticator>(),
            AuthModes.Keystone => provider.GetRequiredService<KeystoneCallerAuthenticator>(),
            _ => provider.GetRequiredService<HeaderCallerAuthenticator>(),
        });
        return services;
    }
}
