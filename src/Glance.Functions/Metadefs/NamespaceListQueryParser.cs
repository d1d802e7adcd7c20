using Glance.Domain;
using Glance.Domain.Errors;
using Glance.Domain.Metadefs;
using Glance.Functions.Http;
using Glance.Functions.Requests;

namespace Glance.Functions.Metadefs;

/// <summary>GET /v2/metadefs/namespaces's query, read as Glance's RequestDeserializer.index reads it.</summary>
public static class NamespaceListQueryParser
{
    private static readonly Dictionary<string, NamespaceSortKey> SortKeys = new(StringComparer.Ordinal)
    {
        ["created_at"] = NamespaceSortKey.CreatedAt,
        ["updated_at"] = NamespaceSortKey.UpdatedAt,
        ["namespace"] = NamespaceSortKey.Namespace,
        ["display_name"] = NamespaceSortKey.DisplayName,
        ["description"] = NamespaceSortKey.Description,
        ["visibility"] = NamespaceSortKey.Visibility,
        ["protected"] = NamespaceSortKey.Protected,
        ["owner"] = NamespaceSortKey.Owner,
    };

    /// <param name="parameters">The query's pairs in order; Glance keeps the last of a repeated one.</param>
    public static NamespaceListQuery Parse(IReadOnlyList<KeyValuePair<string, string>> parameters, ImageServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in parameters)
        {
            values[key] = value;
        }
        var limit = options.LimitParamDefault;
        if (values.TryGetValue("limit", out var limitText))
        {
            limit = (int)Math.Min(QueryLimit.Parse(limitText), options.ApiLimitMax);
        }
        var sortDir = values.GetValueOrDefault("sort_dir", "desc");
        if (sortDir is not ("asc" or "desc"))
        {
            throw HttpErrors.InvalidSortDirection(sortDir);
        }
        var sortKeyText = values.GetValueOrDefault("sort_key", "created_at");
        if (!SortKeys.TryGetValue(sortKeyText, out var sortKey))
        {
            throw GlanceErrors.MetadefSortKeyInvalid(sortKeyText, SortKeys.Keys);
        }
        var visibility = values.GetValueOrDefault("visibility");
        // Glance ignores an empty visibility.
        if (string.IsNullOrEmpty(visibility))
        {
            visibility = null;
        }
        else if (!NamespaceVisibility.IsKnown(visibility))
        {
            throw GlanceErrors.NamespaceVisibilityInvalid(visibility);
        }
        var resourceTypes = values.TryGetValue("resource_types", out var types) ? types.Split(',') : null;
        return new NamespaceListQuery(limit, values.GetValueOrDefault("marker"), sortKey, sortDir == "asc", visibility, resourceTypes);
    }
}
