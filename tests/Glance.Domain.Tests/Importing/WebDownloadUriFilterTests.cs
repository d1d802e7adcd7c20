using System.Net;
using Glance.Domain.Errors;
using Glance.Domain.Importing;
using Moq;

namespace Glance.Domain.Tests.Importing;

public sealed class WebDownloadUriFilterTests
{
    // Strict: a URI refused on its text must be refused before any DNS lookup.
    private readonly Mock<IHostResolver> _resolver = new(MockBehavior.Strict);
    private readonly WebDownloadOptions _options = new();

    private WebDownloadUriFilter Filter => new(_options, _resolver.Object);

    private void Resolves(string host, params string[] addresses) =>
        _resolver.Setup(r => r.ResolveAsync(host, It.IsAny<CancellationToken>()))
            .ReturnsAsync(addresses.Select(IPAddress.Parse).ToArray());

    private async Task AssertRejectedAsync(string uri)
    {
        var error = await Assert.ThrowsAsync<GlanceException>(() => Filter.EnsureAllowedAsync(new Uri(uri)));

        Assert.Equal(GlanceErrorKind.Invalid, error.Kind);
        Assert.Equal($"URI for web-download does not pass filtering: {uri}", error.Message);
    }

    [Fact]
    public async Task EnsureAllowedAsync_PublicName_ReturnsEveryResolvedAddress()
    {
        Resolves("images.example.com", "93.184.216.34", "2606:2800:220:1::1", "93.184.216.34");

        var addresses = await Filter.EnsureAllowedAsync(new Uri("https://images.example.com/disk.qcow2"));

        Assert.Equal([IPAddress.Parse("93.184.216.34"), IPAddress.Parse("2606:2800:220:1::1")], addresses);
    }

    [Theory]
    [InlineData("http://8.8.8.8/i.img", "8.8.8.8")]
    [InlineData("https://1.1.1.1:443/i.img", "1.1.1.1")]
    [InlineData("http://172.32.0.1/i.img", "172.32.0.1")]
    [InlineData("http://100.128.0.1/i.img", "100.128.0.1")]
    [InlineData("http://168.63.129.17/i.img", "168.63.129.17")]
    [InlineData("http://[2606:4700:4700::1111]/i.img", "2606:4700:4700::1111")]
    [InlineData("http://[2606:4700:4700:0:0:0:0:1111]:80/i.img", "2606:4700:4700::1111")]
    [InlineData("http://[::ffff:8.8.8.8]/i.img", "::ffff:8.8.8.8")]
    [InlineData("http://[64:ff9b::808:808]/i.img", "64:ff9b::808:808")]
    public async Task EnsureAllowedAsync_PublicAddressLiteral_ReturnsItWithoutResolving(string uri, string expected)
    {
        var addresses = await Filter.EnsureAllowedAsync(new Uri(uri));

        Assert.Equal([IPAddress.Parse(expected)], addresses);
    }

    [Theory]
    [InlineData("HTTP://Images.Example.COM/i.img")]
    [InlineData("http://images.example.com./i.img")]
    [InlineData("http://images.example.com:80/i.img")]
    public async Task EnsureAllowedAsync_CaseTrailingDotOrExplicitDefaultPort_ResolvesTheCanonicalName(string uri)
    {
        Resolves("images.example.com", "93.184.216.34");

        var addresses = await Filter.EnsureAllowedAsync(new Uri(uri));

        Assert.Single(addresses);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://images.example.com/i.img")]
    [InlineData("gopher://images.example.com:70/_GET")]
    [InlineData("ws://images.example.com/i.img")]
    [InlineData("data:text/plain,hello")]
    [InlineData("javascript:alert(1)")]
    public async Task EnsureAllowedAsync_SchemeNotAllowed_IsRejected(string uri)
    {
        await AssertRejectedAsync(uri);
    }

    [Fact]
    public async Task EnsureAllowedAsync_DisallowedSchemeWithoutAllowList_IsRejected()
    {
        _options.AllowedSchemes = [];
        _options.DisallowedSchemes = ["http"];

        await AssertRejectedAsync("http://images.example.com/i.img");
    }

    [Fact]
    public async Task EnsureAllowedAsync_SchemeInBothLists_AllowListWins()
    {
        _options.DisallowedSchemes = ["https"];
        Resolves("images.example.com", "93.184.216.34");

        var addresses = await Filter.EnsureAllowedAsync(new Uri("https://images.example.com/i.img"));

        Assert.Single(addresses);
    }

    [Theory]
    [InlineData("http://a@b/")]
    [InlineData("http://user:secret@images.example.com/i.img")]
    [InlineData("http://images.example.com@127.0.0.1/i.img")]
    [InlineData("http://images.example.com:80@169.254.169.254/")]
    [InlineData("http://@images.example.com/i.img")]
    public async Task EnsureAllowedAsync_UserInfo_IsRejected(string uri)
    {
        await AssertRejectedAsync(uri);
    }

    [Theory]
    [InlineData("http://2130706433/")]            // decimal 127.0.0.1
    [InlineData("http://017700000001/")]          // octal 127.0.0.1
    [InlineData("http://0x7f000001/")]            // hex 127.0.0.1
    [InlineData("http://0X7F000001/")]
    [InlineData("http://0177.0.0.1/")]            // octal octet
    [InlineData("http://0x7f.0.0.1/")]            // hex octet
    [InlineData("http://0x7f.0x0.0x0.0x1/")]
    [InlineData("http://0x7f.1/")]
    [InlineData("http://127.1/")]                 // short forms
    [InlineData("http://127.0.1/")]
    [InlineData("http://10.1/")]
    [InlineData("http://127.000.000.001/")]       // zero-padded octets
    [InlineData("http://010.0.0.1/")]
    [InlineData("http://127.0.0.1./")]
    [InlineData("http://1.2.3.4.5/")]
    [InlineData("http://256.0.0.1/")]
    [InlineData("http://169.254.43518/")]         // 169.254.169.254 in two parts
    [InlineData("http://0xa9fea9fe/")]
    [InlineData("http://0xa9.0xfe.0xa9.0xfe/")]
    [InlineData("http://[fe80::1%25eth0]/")]      // IPv6 zone id
    [InlineData("http://[::1%251]/")]
    [InlineData("http://images.example.0x7f/")]   // a hex last label is an inet_aton number
    [InlineData("http://images.123/")]
    [InlineData("http://-images.example.com/")]   // not a DNS name
    [InlineData("http://images-.example.com/")]
    [InlineData("http://under_score.example.com/")]
    [InlineData("http://images.example.com:/i.img")]
    [InlineData("http://[::1]:/")]
    public async Task EnsureAllowedAsync_HostOutsideTheStrictGrammar_IsRejectedEvenWhenNonPublicIsAllowed(string uri)
    {
        // Proves the text is refused, not the address it stands for.
        _options.AllowNonPublicAddresses = true;
        _options.AllowedPorts = [];

        await AssertRejectedAsync(uri);
    }

    [Fact]
    public async Task EnsureAllowedAsync_LabelOf64Characters_IsRejected()
    {
        await AssertRejectedAsync($"http://{new string('a', 64)}.example.com/");
    }

    [Fact]
    public async Task EnsureAllowedAsync_LabelOf63Characters_IsResolved()
    {
        string host = $"{new string('a', 63)}.example.com";
        Resolves(host, "93.184.216.34");

        var addresses = await Filter.EnsureAllowedAsync(new Uri($"http://{host}/"));

        Assert.Single(addresses);
    }

    [Theory]
    [InlineData("http://127.0.0.1/")]
    [InlineData("http://127.255.255.254/")]
    [InlineData("http://0.0.0.0/")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://172.16.0.1/")]
    [InlineData("http://172.31.255.255/")]
    [InlineData("http://192.168.1.1/")]
    [InlineData("http://100.64.0.1/")]
    [InlineData("http://100.127.255.255/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://169.254.0.1/")]
    [InlineData("http://168.63.129.16/machine?comp=goalstate")]
    [InlineData("http://224.0.0.1/")]
    [InlineData("http://239.255.255.250/")]
    [InlineData("http://255.255.255.255/")]
    [InlineData("http://240.0.0.1/")]
    [InlineData("http://192.0.2.1/")]
    [InlineData("http://198.18.0.1/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://[::]/")]
    [InlineData("http://[0:0:0:0:0:0:0:1]/")]
    [InlineData("http://[fc00::1]/")]
    [InlineData("http://[fd12:3456:789a::1]/")]
    [InlineData("http://[fe80::1]/")]
    [InlineData("http://[febf:ffff::1]/")]
    [InlineData("http://[ff02::1]/")]
    [InlineData("http://[::ffff:127.0.0.1]/")]    // IPv4-mapped
    [InlineData("http://[::ffff:7f00:1]/")]
    [InlineData("http://[::ffff:169.254.169.254]/")]
    [InlineData("http://[::ffff:10.0.0.1]/")]
    [InlineData("http://[::ffff:168.63.129.16]/")]
    [InlineData("http://[::127.0.0.1]/")]         // IPv4-compatible
    [InlineData("http://[::a9fe:a9fe]/")]
    [InlineData("http://[64:ff9b::a9fe:a9fe]/")]  // NAT64 of the metadata service
    [InlineData("http://[64:ff9b::7f00:1]/")]
    [InlineData("http://[2002:7f00:1::1]/")]      // 6to4 of loopback
    [InlineData("http://[2002:a9fe:a9fe::1]/")]
    [InlineData("http://[2001:0:4136:e378::1]/")] // Teredo
    [InlineData("http://[2001:db8::1]/")]
    public async Task EnsureAllowedAsync_NonPublicAddressLiteral_IsRejected(string uri)
    {
        await AssertRejectedAsync(uri);
    }

    [Theory]
    [InlineData("localhost", "127.0.0.1")]
    [InlineData("localhost", "::1")]
    [InlineData("metadata.azure.internal", "169.254.169.254")]
    [InlineData("wireserver.example.com", "168.63.129.16")]
    [InlineData("intranet.example.com", "10.1.2.3")]
    [InlineData("mapped.example.com", "::ffff:127.0.0.1")]
    [InlineData("ula.example.com", "fd00::5")]
    [InlineData("cgnat.example.com", "100.100.100.200")]
    public async Task EnsureAllowedAsync_NameResolvingToNonPublicAddress_IsRejected(string host, string address)
    {
        Resolves(host, address);

        await AssertRejectedAsync($"http://{host}/i.img");
    }

    [Fact]
    public async Task EnsureAllowedAsync_NameResolvingToOnePublicAndOnePrivateAddress_IsRejected()
    {
        Resolves("rebind.example.com", "93.184.216.34", "192.168.0.10");

        await AssertRejectedAsync("http://rebind.example.com/i.img");
    }

    [Fact]
    public async Task EnsureAllowedAsync_NameThatDoesNotResolve_IsRejected()
    {
        Resolves("nowhere.example.com");

        await AssertRejectedAsync("http://nowhere.example.com/i.img");
    }

    [Fact]
    public async Task EnsureAllowedAsync_NonPublicAllowed_AcceptsLoopbackLiteralAndName()
    {
        _options.AllowNonPublicAddresses = true;
        Resolves("localhost", "127.0.0.1", "::1");

        var literal = await Filter.EnsureAllowedAsync(new Uri("http://127.0.0.1/i.img"));
        var name = await Filter.EnsureAllowedAsync(new Uri("http://localhost/i.img"));
        var mapped = await Filter.EnsureAllowedAsync(new Uri("http://[::ffff:127.0.0.1]/i.img"));

        Assert.Equal([IPAddress.Loopback], literal);
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], name);
        Assert.Single(mapped);
    }

    [Theory]
    [InlineData("http://images.example.com:8080/i.img")]
    [InlineData("http://images.example.com:22/")]
    [InlineData("https://images.example.com:8443/i.img")]
    [InlineData("http://images.example.com:65535/")]
    public async Task EnsureAllowedAsync_PortNotInDefaultAllowList_IsRejected(string uri)
    {
        await AssertRejectedAsync(uri);
    }

    [Fact]
    public async Task EnsureAllowedAsync_AllowedPorts_CoverTheSchemesDefaultPortToo()
    {
        _options.AllowedPorts = [8080];
        Resolves("images.example.com", "93.184.216.34");

        var allowed = await Filter.EnsureAllowedAsync(new Uri("http://images.example.com:8080/i.img"));

        Assert.Single(allowed);
        await AssertRejectedAsync("http://images.example.com/i.img");
    }

    [Fact]
    public async Task EnsureAllowedAsync_DisallowedPortWithoutAllowList_IsRejectedAndOthersPass()
    {
        _options.AllowedPorts = [];
        _options.DisallowedPorts = [22, 6379];
        Resolves("images.example.com", "93.184.216.34");

        var allowed = await Filter.EnsureAllowedAsync(new Uri("http://images.example.com:8080/i.img"));

        Assert.Single(allowed);
        await AssertRejectedAsync("http://images.example.com:6379/");
    }

    [Fact]
    public async Task EnsureAllowedAsync_PortInBothLists_AllowListWins()
    {
        _options.AllowedPorts = [8080];
        _options.DisallowedPorts = [8080];
        Resolves("images.example.com", "93.184.216.34");

        var addresses = await Filter.EnsureAllowedAsync(new Uri("http://images.example.com:8080/i.img"));

        Assert.Single(addresses);
    }

    [Fact]
    public async Task EnsureAllowedAsync_HostNotInAllowList_IsRejectedWithoutResolving()
    {
        _options.AllowedHosts = ["images.example.com"];

        await AssertRejectedAsync("http://other.example.com/i.img");
    }

    [Theory]
    [InlineData("http://images.example.com/i.img")]
    [InlineData("http://IMAGES.example.com./i.img")]
    public async Task EnsureAllowedAsync_HostInAllowList_IsResolvedAndChecked(string uri)
    {
        _options.AllowedHosts = ["Images.Example.com"];
        Resolves("images.example.com", "93.184.216.34");

        var addresses = await Filter.EnsureAllowedAsync(new Uri(uri));

        Assert.Single(addresses);
    }

    [Fact]
    public async Task EnsureAllowedAsync_AllowListedHostResolvingToPrivateAddress_IsStillRejected()
    {
        _options.AllowedHosts = ["mirror.example.com"];
        Resolves("mirror.example.com", "10.0.0.7");

        await AssertRejectedAsync("http://mirror.example.com/i.img");
    }

    [Theory]
    [InlineData("http://evil.example.com/i.img")]
    [InlineData("http://EVIL.example.com./i.img")]
    [InlineData("http://evil.example.com:80/i.img")]
    public async Task EnsureAllowedAsync_DisallowedHost_IsRejectedInEveryNotation(string uri)
    {
        _options.DisallowedHosts = ["evil.example.com"];

        await AssertRejectedAsync(uri);
    }

    [Theory]
    [InlineData("http://[2606:4700:4700::1111]/")]
    [InlineData("http://[2606:4700:4700:0:0:0:0:1111]/")]
    [InlineData("http://[::ffff:8.8.8.8]/")]
    [InlineData("http://8.8.8.8/")]
    public async Task EnsureAllowedAsync_DisallowedAddressHost_IsRejectedInEveryNotation(string uri)
    {
        _options.DisallowedHosts = ["[2606:4700:4700:0::1111]", "8.8.8.8"];

        await AssertRejectedAsync(uri);
    }

    [Theory]
    [InlineData("http://8.8.8.8/", "8.8.8.8")]
    [InlineData("http://[::ffff:8.8.8.8]/", "::ffff:8.8.8.8")]
    public async Task EnsureAllowedAsync_AddressInAllowList_AllowsItInEveryNotation(string uri, string expected)
    {
        _options.AllowedHosts = ["8.8.8.8"];

        var addresses = await Filter.EnsureAllowedAsync(new Uri(uri));

        Assert.Equal([IPAddress.Parse(expected)], addresses);
    }

    [Fact]
    public async Task EnsureAllowedAsync_NameResolvingToDisallowedAddress_IsRejected()
    {
        _options.DisallowedHosts = ["93.184.216.34"];
        Resolves("images.example.com", "93.184.216.34");

        await AssertRejectedAsync("http://images.example.com/i.img");
    }

    [Fact]
    public async Task EnsureAllowedAsync_HostInBothLists_AllowListWins()
    {
        _options.AllowedHosts = ["images.example.com"];
        _options.DisallowedHosts = ["images.example.com"];
        Resolves("images.example.com", "93.184.216.34");

        var addresses = await Filter.EnsureAllowedAsync(new Uri("http://images.example.com/i.img"));

        Assert.Single(addresses);
    }

    [Fact]
    public async Task EnsureAllowedAsync_RelativeUri_IsRejected()
    {
        var error = await Assert.ThrowsAsync<GlanceException>(() => Filter.EnsureAllowedAsync(new Uri("/i.img", UriKind.Relative)));

        Assert.Equal(GlanceErrorKind.Invalid, error.Kind);
    }

    [Theory]
    [InlineData("http://images.example.com/a b")]
    [InlineData("http://images.example.com/a\\b.img")]
    [InlineData("http://images.example.com/i.img\u007f")]
    [InlineData("\thttp://images.example.com/i.img")]
    public async Task EnsureAllowedAsync_MalformedText_IsRejected(string uri)
    {
        await AssertRejectedAsync(uri);
    }

    [Fact]
    public async Task EnsureAllowedAsync_Canceled_PassesCancellationToTheResolver()
    {
        using var canceled = new CancellationTokenSource();
        canceled.Cancel();
        _resolver.Setup(r => r.ResolveAsync("images.example.com", canceled.Token)).ThrowsAsync(new OperationCanceledException(canceled.Token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Filter.EnsureAllowedAsync(new Uri("http://images.example.com/"), canceled.Token));
    }
}
