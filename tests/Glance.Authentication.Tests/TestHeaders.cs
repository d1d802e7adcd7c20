namespace Glance.Authentication.Tests;

/// <summary>A request's headers as a test writes them.</summary>
internal sealed class TestHeaders : Dictionary<string, string>, IRequestHeaders
{
    public TestHeaders()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }

    string IRequestHeaders.this[string name] => TryGetValue(name, out var value) ? value : "";
}
