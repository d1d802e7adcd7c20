using System.Text;

namespace Glance.Functions.Representation;

/// <summary>The <c>first</c> and <c>next</c> links of a list page: the request's parameters, encoded as Python's urlencode does.</summary>
public static class ListLinks
{
    public static string Build(string path, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        if (parameters.Count == 0)
        {
            return path;
        }
        var builder = new StringBuilder(path).Append('?');
        for (var i = 0; i < parameters.Count; i++)
        {
            if (i > 0)
            {
                builder.Append('&');
            }
            builder.Append(QuotePlus(parameters[i].Key)).Append('=').Append(QuotePlus(parameters[i].Value));
        }
        return builder.ToString();
    }

    // Python's quote_plus: unreserved characters stay, space becomes '+', everything else is %XX of its UTF-8 bytes.
    private static string QuotePlus(string text) => Uri.EscapeDataString(text).Replace("%20", "+", StringComparison.Ordinal);
}
