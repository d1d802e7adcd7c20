using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Glance.Functions.Http.Auth;

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

        services.AddScoped<ICallerAuthenticator>(provider => provider.GetRequiredService<IOptions<AuthOptions>>().Value.Mode switch
        {
            AuthModes.Jwt => provider.GetRequiredService<JwtCallerAuthenticator>(),
            AuthModes.Keystone => provider.GetRequiredService<KeystoneCallerAuthenticator>(),
            _ => provider.GetRequiredService<HeaderCallerAuthenticator>(),
        });
        return services;
    }
}
