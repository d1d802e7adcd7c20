using System.Reflection;
using Glance.Authentication;
using Glance.Domain;
using Glance.Domain.Application;
using Glance.Domain.Idempotency;
using Glance.Domain.Data;
using Glance.Domain.Importing;
using Glance.Domain.Members;
using Glance.Domain.Metadefs;
using Glance.Functions.Metadefs;
using Glance.Domain.Policy;
using Glance.Domain.Quotas;
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
        // Every options class is checked when the host starts (ValidateOnStart), so that a bad setting stops the service
        // with the setting's name instead of failing the first request that reads it.
        services.AddOptions<ImageServiceOptions>().Bind(configuration.GetSection(ImageServiceOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ImageServiceOptions>>().Value);
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName))
            .Configure(o => o.MaxRequestBodyBytes = configuration.GetValue(ApiOptions.HostBodyLimitSetting, o.MaxRequestBodyBytes))
            .ValidateDataAnnotations()
            .Validate(o => string.IsNullOrEmpty(o.PublicEndpoint) || ApiOptions.IsHttpUrl(o.PublicEndpoint),
                "Glance:Api:PublicEndpoint must be an absolute http(s) URL.")
            .ValidateOnStart();
        services.AddGlanceAuth(configuration);
        var dataSection = configuration.GetSection(ImageDataOptions.SectionName);
        services.AddOptions<ImageDataOptions>().Bind(dataSection)
            // The binder appends a configured list to the default one; configuring it must replace Glance's default.
            .PostConfigure<Glance.Storage.Blobs.BlobStores>((o, stores) =>
            {
                o.Stores = stores.Catalog;
                o.EnabledImportMethods = dataSection.GetSection(nameof(o.EnabledImportMethods)) is { } methods && methods.Exists()
                    ? methods.Get<string[]>() ?? []
                    : stores.Catalog.Stores.Count >= 2 ? [.. o.EnabledImportMethods, ImportRequest.CopyImage] : o.EnabledImportMethods;
            })
            .ValidateDataAnnotations()
            .Validate(o => HashAlgorithms.IsSupported(o.HashingAlgorithm), "Glance:Data:HashingAlgorithm is not a supported algorithm.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ImageDataOptions>>().Value);
        services.AddOptions<ImageMemberOptions>().Bind(configuration.GetSection(ImageMemberOptions.SectionName)).ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ImageMemberOptions>>().Value);
        services.AddOptions<ProjectQuotaOptions>().Bind(configuration.GetSection(ProjectQuotaOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProjectQuotaOptions>>(new ProjectQuotaOptionsValidation(configuration));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ProjectQuotaOptions>>().Value);
        services.AddSingleton<ProjectQuotas>();
        services.AddOptions<PolicyOptions>().Bind(configuration.GetSection(PolicyOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PolicyOptions>, PolicyOptionsValidation>();
        services.AddSingleton(sp => ImagePolicyFactory.Create(sp.GetRequiredService<IOptions<PolicyOptions>>().Value));
        services.AddSingleton<MetadefPolicy>();
        services.AddSingleton<MetadefNamespaceService>();
        services.AddSingleton<MetadefAttempts>();
        services.AddSingleton<MetadefTagService>();
        services.AddSingleton<MetadefObjectService>();
        services.AddSingleton<MetadefPropertyService>();
        services.AddSingleton<MetadefResourceTypeService>();
        services.AddSingleton<MetadefCatalogueLoader>();
        services.AddOptions<MetadefCatalogueOptions>().Bind(configuration.GetSection(MetadefCatalogueOptions.SectionName)).ValidateOnStart();
        services.AddHostedService<MetadefCatalogueStartupLoader>();
        services.AddSingleton<ImageAccess>();
        services.AddSingleton<ImageUpdater>();
        services.AddSingleton<ImageMemberService>();
        services.AddSingleton<ImageService>();
        services.AddSingleton<ImageRestoration>();
        services.AddSingleton<RetainedImagePurge>();
        services.AddSingleton<ImageDataFlow>();
        services.AddSingleton<ImageStoreCopier>();
        services.AddSingleton<ImageTaskRecorder>();
        services.AddSingleton<StaleOperationRecovery>();
        services.AddSingleton<ImageDataService>();
        services.AddSingleton<ImageImportService>();
        services.AddSingleton<ImageImportRunner>();
        services.AddSingleton<ImageLocationService>();
        services.AddSingleton<TaskQueries>();
        services.AddSingleton<ImageFamilyQueries>();
        services.AddOptions<IdempotencyOptions>().Bind(configuration.GetSection(IdempotencyOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<IdempotencyOptions>>().Value);
        services.AddSingleton<IdempotencyKeys>();
        services.AddSingleton<IdempotentExecution>();
        // Per invocation, like the function classes that use it: the Keystone authenticator uses a typed HttpClient.
        services.AddSingleton(sp => new VersionsDocument(sp.GetRequiredService<ImageDataOptions>().Stores.IsMultistore));
        services.AddScoped<GlanceEndpoint>();
        services.AddGlanceStorage(configuration);
        // A download still running when the recovery looks would be taken for a dead one and undone under it.
        services.AddOptions<WebDownloadOptions>()
            .Validate<IOptions<ImageDataOptions>>((web, data) => web.MaxDuration < data.Value.StaleOperationAfter,
                "Glance:Import:WebDownload:MaxDuration must be shorter than Glance:Data:StaleOperationAfter.");
        foreach (var functionClass in FunctionClasses())
        {
            services.AddScoped(functionClass);
        }
        return services;
    }

    /// <summary>Every class with a [Function] method: the worker creates them per invocation, and so does the local host.</summary>
    public static IEnumerable<Type> FunctionClasses() =>
        typeof(GlanceAppServiceCollectionExtensions).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<Microsoft.Azure.Functions.Worker.FunctionAttribute>() is not null));
}
