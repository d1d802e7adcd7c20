namespace Glance.Integration.Tests;

/// <summary>
/// One malformed request of the hostile-input corpus and the status the service must answer. The target may use
/// <c>{id}</c> (an existing active, shared image with a member, a tag and a property), <c>{member}</c> (that
/// member), <c>{missing}</c> (a well-formed id no image has), <c>{ns}</c> (the target's protected metadef namespace,
/// with an object, a property, a tag and an association) and <c>{mdnew}</c> (a namespace name that must stay free).
/// </summary>
public sealed record HostileInputCase(string Name, string Method, string Target, int Expected)
{
    public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];

    public byte[]? Body { get; init; }

    /// <summary>
    /// Kestrel refuses the request before any of our code runs (request line, header limits, NUL or non-ASCII
    /// bytes), so the answer has no Glance error body. In Azure the Functions front end answers these instead.
    /// </summary>
    public bool RefusedByServer { get; init; }

    public override string ToString() => Name;
}
