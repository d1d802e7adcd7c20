using System.Text.Json;
using System.Text.Json.Nodes;

namespace Glance.Domain.Tasks;

/// <summary>
/// The input a task records (<c>{"method": {"name": ..., "uri": ...}}</c>), built in one place. GET
/// /v2/images/{id}/tasks shows it, so a web-download URI keeps only its scheme, host, port and path: a query string
/// or fragment often carries a credential (a third party's SAS token, a signed URL), and so does userinfo.
/// </summary>
public static class ImageTaskInput
{
    /// <summary>The input of a task that runs <paramref name="method"/>, from <paramref name="uri"/> when it has one.</summary>
    public static string For(string method, Uri? uri = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        var methodNode = new JsonObject { ["name"] = method };
        if (uri is not null)
        {
            methodNode["uri"] = Redact(uri);
        }
        return new JsonObject { ["method"] = methodNode }.ToJsonString();
    }

    /// <summary>
    /// A stored input as it may be shown: tasks recorded before inputs were redacted kept the whole URI. Anything that
    /// is not a method with a string URI comes back unchanged; a URI that cannot be read is dropped.
    /// </summary>
    public static string Redacted(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(input);
        }
        catch (JsonException)
        {
            return input;
        }
        if (root is not JsonObject { } document || document["method"] is not JsonObject method
            || method["uri"] is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            return input;
        }
        var redacted = Uri.TryCreate(text, UriKind.Absolute, out var uri) ? Redact(uri) : null;
        if (redacted == text)
        {
            return input;
        }
        method["uri"] = redacted;
        return document.ToJsonString();
    }

    /// <summary><c>scheme://host[:port]/path</c>: no userinfo, query or fragment.</summary>
    public static string Redact(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.IsAbsoluteUri
            ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
            : uri.OriginalString.Split('?', '#')[0];
    }
}
