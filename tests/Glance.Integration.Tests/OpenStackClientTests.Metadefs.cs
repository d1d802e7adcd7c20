namespace Glance.Integration.Tests;

/// <summary>
/// glanceclient's md-* commands against the metadefs catalogue, as a new user would run them (Debian's
/// openstackclient 6.0 has no metadef commands).
/// </summary>
public sealed partial class OpenStackClientTests
{
    [Fact]
    public async Task GlanceClient_MetadefCommands_Work()
    {
        var ns = "md-cli-" + Guid.NewGuid().ToString("N")[..8];

        var created = Succeeded(await Glance("md-namespace-create", "--display-name", "CLI", "--description", "made by glance", "--visibility", "public", ns));
        Assert.Equal(ns, Field(created, "namespace"));
        Assert.Contains(ns, Succeeded(await Glance("md-namespace-list")));
        Succeeded(await Glance("md-namespace-update", "--description", "changed", ns));
        Assert.Equal("changed", Field(Succeeded(await Glance("md-namespace-show", ns)), "description"));

        Succeeded(await Glance("md-property-create", "--name", "cores", "--title", "Cores", "--schema", """{"type":"integer","minimum":1}""", ns));
        Assert.Contains("cores", Succeeded(await Glance("md-property-list", ns)));
        Assert.Equal("integer", Field(Succeeded(await Glance("md-property-show", ns, "cores")), "type"));

        Succeeded(await Glance("md-object-create", "--name", "cpu", "--schema", """{"description":"CPU","properties":{"model":{"title":"Model","type":"string"}}}""", ns));
        Assert.Contains("cpu", Succeeded(await Glance("md-object-list", ns)));
        Assert.Equal("CPU", Field(Succeeded(await Glance("md-object-show", ns, "cpu")), "description"));

        // Without --append: glanceclient 4.1 sends that header as a bool and fails before any request (quote_from_bytes).
        Succeeded(await Glance("md-tag-create-multiple", "--names", "second,third", ns));
        Succeeded(await Glance("md-tag-create", "--name", "first", ns));
        var tags = Succeeded(await Glance("md-tag-list", ns));
        Assert.All(new[] { "first", "second", "third" }, t => Assert.Contains(t, tags));
        Succeeded(await Glance("md-tag-update", "--name", "renamed", ns, "first"));
        Assert.Contains("renamed", Succeeded(await Glance("md-tag-list", ns)));

        Succeeded(await Glance("md-resource-type-associate", "--name", "OS::Glance::Image", "--prefix", "cli_", ns));
        Assert.Contains("OS::Glance::Image", Succeeded(await Glance("md-namespace-resource-type-list", ns)));
        Assert.Contains("OS::Glance::Image", Succeeded(await Glance("md-resource-type-list")));
        Succeeded(await Glance("md-resource-type-deassociate", ns, "OS::Glance::Image"));

        Succeeded(await Glance("md-namespace-tags-delete", ns));
        Assert.DoesNotContain("renamed", Succeeded(await Glance("md-tag-list", ns)));
        Succeeded(await Glance("md-namespace-objects-delete", ns));
        Succeeded(await Glance("md-namespace-properties-delete", ns));
        Assert.DoesNotContain("cores", Succeeded(await Glance("md-namespace-show", ns)));

        await AssertDeletesAsync(Glance, "md-namespace-delete", "md-namespace-show", ns, "404");
    }
}
