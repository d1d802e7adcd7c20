using Glance.Domain;
using Glance.Domain.Listing;
using Glance.Functions.Http;
using SortKey = Glance.Domain.Listing.SortKey;

namespace Glance.Functions.Requests;

/// <summary>
/// Reads GET /v2/images query parameters as Glance's RequestDeserializer.index does, with its 400s.
/// </summary>
public static class ImageListQueryParser
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "limit", "marker", "sort_key", "sort_dir", "sort",
    };

    public static ImageListQuery Parse(IReadOnlyList<KeyValuePair<string, string>> query, ImageServiceOptions options)
    {
        var limit = ParseLimit(Single(query, "limit"), options);
        var marker = Single(query, "marker");
        var sort = ParseSort(query);
        var filter = ImageFilterParser.Parse(query.Where(p => !Reserved.Contains(p.Key)).ToList());
        return new ImageListQuery(limit, marker, sort, filter);
    }

    private static int ParseLimit(string? value, ImageServiceOptions options) =>
        value is null
            ? Math.Min(options.LimitParamDefault, options.ApiLimitMax)
            : (int)Math.Min(QueryLimit.Parse(value), options.ApiLimitMax);

    private static IReadOnlyList<SortKey> ParseSort(IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var sort = Single(query, "sort");
        var keys = All(query, "sort_key");
        var dirs = All(query, "sort_dir");
        List<SortKey> result;
        if (sort is not null)
        {
            if (keys.Count > 0 || dirs.Count > 0)
            {
                throw HttpErrors.SortSyntaxesCombined();
            }
            result = [];
            foreach (var part in sort.Split(','))
            {
                var pieces = part.Trim().Split(':');
                if (pieces.Length > 2)
                {
                    throw HttpErrors.InvalidSortValue(part);
                }
                result.Add(new SortKey(ValidKey(pieces[0].Trim()), Descending(pieces.Length == 2 ? pieces[1].Trim() : "desc")));
            }
        }
        else
        {
            if (dirs.Count > 1 && dirs.Count != keys.Count)
            {
                throw HttpErrors.SortDirsMismatchKeys();
            }
            var validKeys = keys.Select(ValidKey).ToList();
            if (validKeys.Count == 0)
            {
                validKeys.Add("created_at");
            }
            result = validKeys
                .Select((key, i) => new SortKey(key, Descending(dirs.Count == 0 ? "desc" : dirs[Math.Min(i, dirs.Count - 1)])))
                .ToList();
        }
        // Glance appends created_at and id as tie-breakers: in the one direction used, else descending.
        var tieDescending = result.Select(k => k.Descending).Distinct().Count() != 1 || result[0].Descending;
        foreach (var tie in new[] { "created_at", "id" })
        {
            if (result.All(k => k.Key != tie))
            {
                result.Add(new SortKey(tie, tieDescending));
            }
        }
        return result;
    }

    private static string ValidKey(string key) =>
        SortKey.Sortable.Contains(key, StringComparer.Ordinal) ? key : throw HttpErrors.InvalidSortKey(key, SortKey.Sortable);

    private static bool Descending(string dir) => dir switch
    {
        "desc" => true,
        "asc" => false,
        _ => throw HttpErrors.InvalidSortDirection(dir),
    };

    private static string? Single(IReadOnlyList<KeyValuePair<string, string>> query, string key) =>
        query.LastOrDefault(p => p.Key == key).Value;

    private static List<string> All(IReadOnlyList<KeyValuePair<string, string>> query, string key) =>
        query.Where(p => p.Key == key).Select(p => p.Value).ToList();
}
