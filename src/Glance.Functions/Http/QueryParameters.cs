using Microsoft.AspNetCore.Http;

namespace Glance.Functions.Http;

/// <summary>The query string as an ordered list of pairs, repeats kept (Glance repeats tag= and sort_key=).</summary>
public static class QueryParameters
{
    public static IReadOnlyList<KeyValuePair<string, string>> Of(HttpRequest request)
    {
        var query = request.QueryString.Value;
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            return [];
        }
        return query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var equals = pair.IndexOf('=');
                var key = equals < 0 ? pair : pair[..equals];
                var value = equals < 0 ? "" : pair[(equals + 1)..];
                return new KeyValuePair<string, string>(Decode(key), Decode(value));
            })
            .ToList();
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
