using Glance.Functions.Functions;
using Glance.Functions.Metadefs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Functions.Http;

/// <summary>
/// The routes of the healthcheck and the v2 API, declared once, for the fallback to serve a path Glance reads as one of
/// them but the host's router does not (runs of slashes, which Glance takes as one). A test holds this table to the
/// functions' own [Function] and [HttpTrigger] attributes, so the shipped app needs no discovery by reflection. The
/// versions document is not here: the fallback answers it itself.
/// </summary>
public static class ApiRouteTable
{
    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        Route<HealthcheckFunctions>(nameof(HealthcheckFunctions.Healthcheck), ApiRoutes.Healthcheck, (f, r, _, _) => f.Healthcheck(r)),
        Route<ImagesFunctions>(nameof(ImagesFunctions.Images), ApiRoutes.Images, (f, r, _, c) => f.Images(r, c)),
        Route<ImagesFunctions>(nameof(ImagesFunctions.Image), ApiRoutes.Image, (f, r, v, c) => f.Image(r, v.Of("imageId"), c)),
        Route<ImageDataFunctions>(nameof(ImageDataFunctions.ImageFile), ApiRoutes.ImageFile, (f, r, v, c) => f.ImageFile(r, v.Of("imageId"), c)),
        Route<ImageDataFunctions>(nameof(ImageDataFunctions.ImageUploadUrl), ApiRoutes.ImageUploadUrl,
            (f, r, v, c) => f.ImageUploadUrl(r, v.Of("imageId"), c)),
        Route<ImageDataFunctions>(nameof(ImageDataFunctions.ImageDownloadUrl), ApiRoutes.ImageDownloadUrl,
            (f, r, v, c) => f.ImageDownloadUrl(r, v.Of("imageId"), c)),
        Route<ImageImportFunctions>(nameof(ImageImportFunctions.ImageStage), ApiRoutes.ImageStage, (f, r, v, c) => f.ImageStage(r, v.Of("imageId"), c)),
        Route<ImageImportFunctions>(nameof(ImageImportFunctions.ImageImport), ApiRoutes.ImageImport, (f, r, v, c) => f.ImageImport(r, v.Of("imageId"), c)),
        Route<ImageImportFunctions>(nameof(ImageImportFunctions.ImportInfo), ApiRoutes.ImportInfo, (f, r, _, _) => f.ImportInfo(r)),
        Route<ImageTasksFunctions>(nameof(ImageTasksFunctions.ImageTasks), ApiRoutes.ImageTasks, (f, r, v, c) => f.ImageTasks(r, v.Of("imageId"), c)),
        Route<ImageLocationsFunctions>(nameof(ImageLocationsFunctions.ImageLocations), ApiRoutes.ImageLocations,
            (f, r, v, c) => f.ImageLocations(r, v.Of("imageId"), c)),
        Route<ImageMembersFunctions>(nameof(ImageMembersFunctions.ImageMembers), ApiRoutes.ImageMembers,
            (f, r, v, c) => f.ImageMembers(r, v.Of("imageId"), c)),
        Route<ImageMembersFunctions>(nameof(ImageMembersFunctions.ImageMember), ApiRoutes.ImageMember,
            (f, r, v, c) => f.ImageMember(r, v.Of("imageId"), v.Of("memberId"), c)),
        Route<ImageTagsAndActionsFunctions>(nameof(ImageTagsAndActionsFunctions.ImageTag), ApiRoutes.ImageTag,
            (f, r, v, c) => f.ImageTag(r, v.Of("imageId"), v.Of("tag"), c)),
        Route<ImageTagsAndActionsFunctions>(nameof(ImageTagsAndActionsFunctions.DeactivateImage), ApiRoutes.DeactivateImage,
            (f, r, v, c) => f.DeactivateImage(r, v.Of("imageId"), c)),
        Route<ImageTagsAndActionsFunctions>(nameof(ImageTagsAndActionsFunctions.ReactivateImage), ApiRoutes.ReactivateImage,
            (f, r, v, c) => f.ReactivateImage(r, v.Of("imageId"), c)),
        Route<ImageTagsAndActionsFunctions>(nameof(ImageTagsAndActionsFunctions.RestoreImage), ApiRoutes.RestoreImage,
            (f, r, v, c) => f.RestoreImage(r, v.Of("imageId"), c)),
        Route<SchemasFunctions>(nameof(SchemasFunctions.Schema), ApiRoutes.Schema, (f, r, v, _) => f.Schema(r, v.Of("name"))),
        Route<InfoUsageFunctions>(nameof(InfoUsageFunctions.Usage), ApiRoutes.Usage, (f, r, _, c) => f.Usage(r, c)),
        Route<StoresFunctions>(nameof(StoresFunctions.StoresInfo), ApiRoutes.StoresInfo, (f, r, _, _) => f.StoresInfo(r)),
        Route<StoresFunctions>(nameof(StoresFunctions.StoresInfoDetail), ApiRoutes.StoresInfoDetail, (f, r, _, _) => f.StoresInfoDetail(r)),
        Route<StoresFunctions>(nameof(StoresFunctions.ImageInStore), ApiRoutes.ImageInStore,
            (f, r, v, c) => f.ImageInStore(r, v.Of("storeId"), v.Of("imageId"), c)),
        Route<TasksFunctions>(nameof(TasksFunctions.Tasks), ApiRoutes.Tasks, (f, r, _, c) => f.Tasks(r, c)),
        Route<TasksFunctions>(nameof(TasksFunctions.TaskById), ApiRoutes.Task, (f, r, v, c) => f.TaskById(r, v.Of("taskId"), c)),
        Route<ImageFamiliesFunctions>(nameof(ImageFamiliesFunctions.LatestInFamily), ApiRoutes.LatestInFamily,
            (f, r, v, c) => f.LatestInFamily(r, v.Of("family"), c)),
        Route<MetadefNamespacesFunctions>(nameof(MetadefNamespacesFunctions.MetadefNamespaces), ApiRoutes.MetadefNamespaces,
            (f, r, _, c) => f.MetadefNamespaces(r, c)),
        Route<MetadefNamespacesFunctions>(nameof(MetadefNamespacesFunctions.MetadefNamespace), ApiRoutes.MetadefNamespace,
            (f, r, v, c) => f.MetadefNamespace(r, v.Of("namespaceName"), c)),
        Route<MetadefSchemasFunctions>(nameof(MetadefSchemasFunctions.MetadefSchema), ApiRoutes.MetadefSchema, (f, r, v, _) => f.MetadefSchema(r, v.Of("name"))),
        Route<MetadefTagsFunctions>(nameof(MetadefTagsFunctions.MetadefTags), ApiRoutes.MetadefTags,
            (f, r, v, c) => f.MetadefTags(r, v.Of("namespaceName"), c)),
        Route<MetadefTagsFunctions>(nameof(MetadefTagsFunctions.MetadefTag), ApiRoutes.MetadefTag,
            (f, r, v, c) => f.MetadefTag(r, v.Of("namespaceName"), v.Of("tagName"), c)),
        Route<MetadefObjectsFunctions>(nameof(MetadefObjectsFunctions.MetadefObjects), ApiRoutes.MetadefObjects,
            (f, r, v, c) => f.MetadefObjects(r, v.Of("namespaceName"), c)),
        Route<MetadefObjectsFunctions>(nameof(MetadefObjectsFunctions.MetadefObject), ApiRoutes.MetadefObject,
            (f, r, v, c) => f.MetadefObject(r, v.Of("namespaceName"), v.Of("objectName"), c)),
        Route<MetadefPropertiesFunctions>(nameof(MetadefPropertiesFunctions.MetadefProperties), ApiRoutes.MetadefProperties,
            (f, r, v, c) => f.MetadefProperties(r, v.Of("namespaceName"), c)),
        Route<MetadefPropertiesFunctions>(nameof(MetadefPropertiesFunctions.MetadefProperty), ApiRoutes.MetadefProperty,
            (f, r, v, c) => f.MetadefProperty(r, v.Of("namespaceName"), v.Of("propertyName"), c)),
        Route<MetadefResourceTypesFunctions>(nameof(MetadefResourceTypesFunctions.MetadefResourceTypes), ApiRoutes.MetadefResourceTypes,
            (f, r, _, c) => f.MetadefResourceTypes(r, c)),
        Route<MetadefResourceTypesFunctions>(nameof(MetadefResourceTypesFunctions.MetadefAssociations), ApiRoutes.MetadefAssociations,
            (f, r, v, c) => f.MetadefAssociations(r, v.Of("namespaceName"), c)),
        Route<MetadefResourceTypesFunctions>(nameof(MetadefResourceTypesFunctions.MetadefAssociation), ApiRoutes.MetadefAssociation,
            (f, r, v, c) => f.MetadefAssociation(r, v.Of("namespaceName"), v.Of("resourceType"), c)),
    ];

    /// <summary>The route whose template takes <paramref name="path"/>, with its route values; null when none does.</summary>
    public static (ApiRoute Route, RouteValueDictionary Values)? Match(string path)
    {
        foreach (var route in All)
        {
            if (route.Match(path) is { } values)
            {
                return (route, values);
            }
        }
        return null;
    }

    // The function classes are registered per scope, as the worker creates them per invocation.
    private static ApiRoute Route<TFunctions>(
        string name, string template, Func<TFunctions, HttpRequest, RouteValueDictionary, CancellationToken, Task<IResult>> invoke)
        where TFunctions : notnull =>
        new(name, template, (services, request, values, cancellationToken) =>
            invoke(services.GetRequiredService<TFunctions>(), request, values, cancellationToken));

    private static string Of(this RouteValueDictionary values, string key) => values[key]?.ToString() ?? "";
}
