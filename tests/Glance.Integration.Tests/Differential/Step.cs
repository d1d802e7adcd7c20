namespace Glance.Integration.Tests.Differential;

/// <summary>
/// One request of a differential scenario. Paths and bodies may name ids captured earlier as {name}; the same
/// scenario runs against the reference Glance and against ours, each with its own ids.
/// </summary>
public sealed record Step(string Method, string Path, string? Body = null)
{
    public string ContentType { get; init; } = "application/json";
    /// <summary>The X-Project-Id to send; null sends none (a caller without a project).</summary>
    public string? Project { get; init; } = "p1";

    /// <summary>An X-Domain-Id to send, as keystonemiddleware does for a domain-scoped token; we do not read it.</summary>
    public string? Domain { get; init; }
    public string Roles { get; init; } = "member,reader";
    public bool Identified { get; init; } = true;

    /// <summary>Other headers to send (X-Openstack-Append ...).</summary>
    public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];

    /// <summary>
    /// Compare only the resource types whose name holds this text: the list of every resource type also holds those
    /// earlier scenarios left (Zed keeps one a refused namespace create named; we store nothing for a refused request).
    /// </summary>
    public string? ResourceTypesNamed { get; init; }

    /// <summary>
    /// For a GET of an image: wait (at most a minute) until no import runs on it, neither importing nor holding the
    /// import lock, before the request is observed; an import runs after its 202, on both sides.
    /// </summary>
    public bool Settled { get; init; }

    /// <summary>A Range header to send.</summary>
    public string? Range { get; init; }

    /// <summary>Remember the <see cref="CaptureField"/> of the JSON response under this name.</summary>
    public string? Capture { get; init; }

    /// <summary>The field <see cref="Capture"/> remembers: the id unless told otherwise (a timestamp to filter on).</summary>
    public string CaptureField { get; init; } = "id";

    /// <summary>
    /// Compare a list without its first and next links: Zed keeps only the last of a repeated parameter in them (its
    /// next page then loses the other tags), we keep every one.
    /// </summary>
    public bool IgnoreListLinks { get; init; }

    public static Step Get(string path) => new("GET", path);
    public static Step Delete(string path) => new("DELETE", path);
    public static Step Post(string path, string body) => new("POST", path, body);
    public static Step Patch(string path, string body, string mediaType = "application/openstack-images-v2.1-json-patch") =>
        new("PATCH", path, body) { ContentType = mediaType };
    public static Step PatchV20(string path, string body) => Patch(path, body, "application/openstack-images-v2.0-json-patch");

    public override string ToString() => $"{Method} {Path} {Body} {Range} [{Project}/{Roles}]";
}
