namespace Glance.Domain.Tasks;

/// <summary>
/// The input a task records (Glance shows it as <c>{"method": {"name": ..., "uri": ...}}</c>), built in one place. GET
/// /v2/images/{id}/tasks shows it, so a web-download URI keeps only its scheme, host, port and path: a query string
/// or fragment often carries a credential (a third party's SAS token, a signed URL), and so does userinfo.
/// </summary>
public sealed record ImageTaskInput(string? Method, string? Uri)
{
    /// <summary>The stores the import puts the bytes in, in order (Glance's <c>backend</c>); null without multistore.</summary>
    public IReadOnlyList<string>? Stores { get; init; }

    /// <summary>Glance's <c>all_stores_must_succeed</c>: a store that fails fails the import (true), or is only recorded.</summary>
    public bool AllStoresMustSucceed { get; init; } = true;

    /// <summary>A location import's URL (Glance's <c>loc_url</c>): a store copy's, which carries no credential.</summary>
    public string? LocationUrl { get; init; }

    /// <summary>A location import's <c>validation_data</c>; null when none was given.</summary>
    public Data.UploadExpectations? ValidationData { get; init; }

    /// <summary>An input that names nothing (a record that could not be read).</summary>
    public static ImageTaskInput None { get; } = new(null, null);

    /// <summary>The input of a task that runs <paramref name="method"/>, from <paramref name="uri"/> when it has one.</summary>
    public static ImageTaskInput For(string method, Uri? uri = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        return new(method, uri is null ? null : Redact(uri));
    }

    /// <summary>The input of a location import, as Glance records it: <c>loc_url</c> and <c>validation_data</c>.</summary>
    public static ImageTaskInput ForLocation(string url, Data.UploadExpectations declared)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(declared);
        return new(null, null) { LocationUrl = url, ValidationData = declared.IsNone ? null : declared };
    }

    /// <summary>
    /// This input as it may be shown: tasks recorded before inputs were redacted kept the whole URI. An input without
    /// a URI, or with one already redacted, comes back as it is; a URI that cannot be read is dropped.
    /// </summary>
    public ImageTaskInput Redacted()
    {
        if (Uri is null)
        {
            return this;
        }
        var redacted = System.Uri.TryCreate(Uri, UriKind.Absolute, out var uri) ? Redact(uri) : null;
        return redacted == Uri ? this : this with { Uri = redacted };
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
