using Glance.Domain;
using Glance.Domain.Application;
using Glance.Functions.Functions;
using Glance.Functions.Http;
using Glance.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Glance.Functions;

public static class GlanceAppServiceCollectionExtensions
{
    /// <summary>
    /// Everything the image service needs, for both hosts: the Functions worker's Program.cs and the local
    /// host call this one method, so the two cannot be wired differently.
    /// </summary>
    public static IServiceCollection AddGlanceApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<ImageServiceOptions>().Bind(configuration.GetSection(ImageServiceOptions.SectionName));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ImageServiceOptions>>().Value);
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>>(new LocalOnlyAuthModes(configuration));
        services.AddSingleton<ImageService>();
        services.AddSingleton<CallerResolver>();
        services.AddSingleton<GlanceEndpoint>();
        services.AddGlanceStorage(configuration);
        foreach (var functionClass in HttpFunctionCatalog.All.Select(f => f.Method.DeclaringType!).Distinct())
        {
            services.AddScoped(functionClass);
        }
        return services;
    }
}
