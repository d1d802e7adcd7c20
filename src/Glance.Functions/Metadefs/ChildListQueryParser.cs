using Glance.Domain.Errors;
using Glance.Domain.Metadefs;
using Glance.Functions.Http;
using Glance.Functions.Requests;

namespace Glance.Functions.Metadefs;

/// <summary>
/// The query of a namespace's tag or object list, read as Glance's RequestDeserializer.index reads it: no limit unless
/// given, any other parameter a filter, of which only visibility is checked (and then ignored).
/// </summary>
public static class ChildListQueryParser
{
    private static readonly Dictionary<string, ChildSortKey> SortKeys = new(StringComparer.Ordinal)
    {
        ["created_at"] = ChildSortKey.CreatedAt,
        ["updated_at"] = ChildSortKey.UpdatedAt,
        ["name"] = ChildSortKey.Name,
    };

    /// <param name="parameters">The query's pairs in order; Glance keeps the last of a repeated one.</param>
    public static ChildListQuery Parse(IReadOnlyList<KeyValuePair<string, string>> parameters) => Parse(parameters, forObjects: false);

    /// <summary>
    /// The object list's checks: a limit of 0 is not positive there, and the sort key goes unread (Zed lists every object
    /// in creation order whatever the query says).
    /// </summary>
    public static void ParseForObjects(IReadOnlyList<KeyValuePair<string, string>> parameters) => Parse(parameters, forObjects: true);

    private static ChildListQuery Parse(IReadOnlyList<KeyValuePair<string, string>> parameters, bool forObjects)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in parameters)
        {
            values[key] = value;
        }
        var sortDir = values.GetValueOrDefault("sort_dir", "desc");
        if (sortDir is not ("asc" or "desc"))
        {
            throw HttpErrors.InvalidSortDirection(sortDir);
        }
        var sortKeyText = values.GetValueOrDefault("sort_key", "created_at");
        if (!SortKeys.TryGetValue(sortKeyText, out var sortKey) && !forObjects)
        {
            throw GlanceErrors.MetadefSortKeyInvalid(sortKeyText, SortKeys.Keys);
        }
        if (values.GetValueOrDefault("visibility") is { Length: > 0 } visibility && visibility is not ("public" or "private" or "shared"))
        {
            throw GlanceErrors.NamespaceVisibilityInvalid(visibility);
        }
        int? limit = null;
        if (values.GetValueOrDefault("limit") is { Length: > 0 } limitText)
        {
            var asked = QueryLimit.Parse(limitText);
            // The object list takes 0 as not positive either.
            if (asked == 0 && forObjects)
            {
                throw HttpErrors.LimitNegative();
            }
            limit = (int)Math.Min(asked, int.MaxValue);
        }
        var marker = values.GetValueOrDefault("marker");
        return new ChildListQuery(limit, string.IsNullOrEmpty(marker) ? null : marker, sortKey, sortDir == "asc");
    }
}
