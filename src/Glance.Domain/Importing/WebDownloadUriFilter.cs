using System.Net;
using System.Net.Sockets;
using Glance.Domain.Errors;

namespace Glance.Domain.Importing;

/// <summary>
/// Decides whether web-download may fetch a URI: Glance's <c>validate_import_uri</c> (scheme, host and port lists)
/// with its 2026 SSRF fixes (IP-encoding tricks refused), plus a check of every address the host is or resolves to.
/// The fetcher must connect only to the addresses returned, so a second DNS answer cannot move it elsewhere.
/// </summary>
public sealed class WebDownloadUriFilter(WebDownloadOptions options, IHostResolver resolver)
{
    public async Task<IReadOnlyList<IPAddress>> EnsureAllowedAsync(Uri uri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || !WebDownloadTarget.TryParse(uri, out var target)
            || !SchemeAllowed(target.Scheme) || !HostAllowed(target.Host) || !PortAllowed(target.Port))
        {
            throw Rejected(uri);
        }

        IReadOnlyList<IPAddress> addresses = target.Address is { } literal
            ? [literal]
            : await resolver.ResolveAsync(target.Host, cancellationToken).ConfigureAwait(false);

        // One bad address is enough to refuse: the connection could land on any of them.
        if (addresses.Count == 0 || !addresses.All(AddressAllowed))
        {
            throw Rejected(uri);
        }

        return addresses.Distinct().ToArray();
    }

    // Glance gives no reason, which also keeps the filter from telling callers what internal names resolve to.
    private static GlanceException Rejected(Uri uri) =>
        GlanceErrors.WebDownloadUriRefused(uri.OriginalString);

    private bool SchemeAllowed(string scheme) =>
        Passes(options.AllowedSchemes, options.DisallowedSchemes, entries => entries.Any(s => s.Trim().Equals(scheme, StringComparison.OrdinalIgnoreCase)));

    private bool HostAllowed(string host) =>
        Passes(options.AllowedHosts, options.DisallowedHosts, entries => entries.Any(h => HostEntry.Normalize(h) == host));

    private bool PortAllowed(int port) =>
        Passes(options.AllowedPorts, options.DisallowedPorts, entries => entries.Contains(port));

    private bool AddressAllowed(IPAddress address)
    {
        if (!options.AllowNonPublicAddresses && !PublicAddresses.Contains(address))
        {
            return false;
        }

        // Glance compares only the URI's host with disallowed_hosts; refusing a name that resolves to a refused
        // address as well closes the obvious way around an IP deny-list.
        var canonical = HostEntry.Canonical(address);
        return options.AllowedHosts.Count > 0 || !options.DisallowedHosts.Any(h => HostEntry.Normalize(h) == canonical);
    }

    // Glance's rule: a non-empty allow-list decides alone and the deny-list is ignored.
    private static bool Passes<T>(IList<T> allowed, IList<T> disallowed, Func<IList<T>, bool> matches) =>
        allowed.Count > 0 ? matches(allowed) : !matches(disallowed);
}

/// <summary>The parts of a URI that filtering decides on, read from the text the caller sent.</summary>
file readonly record struct WebDownloadTarget(string Scheme, string Host, IPAddress? Address, int Port)
{
    /// <summary>
    /// Parses <see cref="Uri.OriginalString"/> rather than trusting <see cref="Uri.Host"/>, because System.Uri (like
    /// inet_aton) silently turns <c>2130706433</c>, <c>0177.0.0.1</c> or <c>0x7f.1</c> into 127.0.0.1; the result is
    /// then required to agree with System.Uri, which is what the HTTP client will use.
    /// </summary>
    public static bool TryParse(Uri uri, out WebDownloadTarget target)
    {
        target = default;
        string raw = uri.OriginalString;
        if (raw.Any(c => c <= ' ' || c == '\x7f' || c == '\\'))
        {
            return false;
        }

        int colon = raw.IndexOf(':');
        if (colon <= 0 || !raw.AsSpan(colon + 1).StartsWith("//"))
        {
            return false;
        }

        string scheme = raw[..colon].ToLowerInvariant();
        string rest = raw[(colon + 3)..];
        int authorityEnd = rest.IndexOfAny(['/', '?', '#']);
        string authority = authorityEnd < 0 ? rest : rest[..authorityEnd];

        // User-info is refused outright: http://trusted.example@10.0.0.1/ is the classic way to fool a reader.
        if (authority.Contains('@') || uri.UserInfo.Length > 0
            || !SplitAuthority(authority, out string hostText, out string? portText)
            || !TryParseHost(hostText, out string host, out IPAddress? address)
            || !TryParsePort(portText, uri, out int port))
        {
            return false;
        }

        bool agreesWithUri = scheme == uri.Scheme && port == uri.Port && (address is null
            ? uri.IdnHost.TrimEnd('.') == host
            : IPAddress.TryParse(uri.IdnHost, out var uriAddress) && uriAddress.Equals(address));
        if (!agreesWithUri)
        {
            return false;
        }

        target = new WebDownloadTarget(scheme, host, address, port);
        return true;
    }

    private static bool SplitAuthority(string authority, out string host, out string? port)
    {
        int hostEnd = authority.StartsWith('[') ? authority.IndexOf(']') + 1 : authority.IndexOf(':');
        if (hostEnd <= 0)
        {
            (host, port) = (authority, null);
            return !authority.StartsWith('[');
        }

        host = authority[..hostEnd];
        string after = authority[hostEnd..];
        port = after.Length == 0 ? null : after[0] == ':' ? after[1..] : "!";
        return true;
    }

    private static bool TryParsePort(string? text, Uri uri, out int port)
    {
        if (text is null)
        {
            // The scheme's default; System.Uri knows it for http and https, and answers -1 for unknown schemes.
            port = uri.Port;
            return port > 0;
        }

        port = 0;
        return text.Length is > 0 and <= 5 && text.All(char.IsAsciiDigit)
            && int.TryParse(text, out port) && port is > 0 and <= 65535;
    }

    /// <summary>
    /// A host is a bracketed IPv6 literal without zone id, a dotted quad of four plain decimal octets, or a DNS name
    /// of letters, digits and hyphens whose last label is not a number; nothing else, so no form reaches a resolver
    /// that would read it as an address in another notation.
    /// </summary>
    private static bool TryParseHost(string text, out string host, out IPAddress? address)
    {
        host = text.ToLowerInvariant();
        address = null;
        if (host.StartsWith('['))
        {
            return TryParseIPv6(host, out host, out address);
        }

        if (host.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            return TryParseDottedQuad(host, out address);
        }

        if (host.EndsWith('.'))
        {
            host = host[..^1];
        }

        return IsDnsName(host);
    }

    private static bool TryParseIPv6(string text, out string host, out IPAddress? address)
    {
        host = text;
        address = null;
        string inner = text.EndsWith(']') ? text[1..^1] : "";
        if (inner.Length == 0 || !inner.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.')
            || !IPAddress.TryParse(inner, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        (host, address) = (HostEntry.Canonical(parsed), parsed);
        return true;
    }

    // Leading zeros are refused because inet_aton reads 010 as octal 8.
    private static bool TryParseDottedQuad(string text, out IPAddress? address)
    {
        address = null;
        string[] octets = text.Split('.');
        if (octets.Length != 4 || octets.Any(o => o.Length is 0 or > 3 || (o.Length > 1 && o[0] == '0') || int.Parse(o) > 255))
        {
            return false;
        }

        address = new IPAddress(octets.Select(byte.Parse).ToArray());
        return true;
    }

    private static bool IsDnsName(string name)
    {
        string[] labels = name.Split('.');
        if (name.Length is 0 or > 253 || labels.Any(l => l.Length is 0 or > 63 || l[0] == '-' || l[^1] == '-'
                || !l.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
        {
            return false;
        }

        // A numeric or 0x-hex last label is an IPv4 shorthand to inet_aton and to IPAddress.Parse (127.1, 0x7f.1).
        string last = labels[^1];
        bool numeric = last.All(char.IsAsciiDigit) || (last.StartsWith("0x") && last[2..].All(char.IsAsciiHexDigit));
        return !numeric && !IPAddress.TryParse(name, out _);
    }
}

/// <summary>How host-list entries and addresses are compared: lower case, no brackets or trailing dot, canonical IP text.</summary>
file static class HostEntry
{
    public static string Normalize(string entry)
    {
        string host = entry.Trim().ToLowerInvariant().TrimEnd('.');
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        return IPAddress.TryParse(host, out var address) ? Canonical(address) : host;
    }

    public static string Canonical(IPAddress address) =>
        (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}

/// <summary>Addresses a download may reach when non-public ones are not allowed.</summary>
file static class PublicAddresses
{
    private static readonly IPNetwork[] NonPublic =
    [
        .. new[]
        {
            "0.0.0.0/8",          // "this network", 0.0.0.0 included
            "10.0.0.0/8",         // RFC 1918
            "100.64.0.0/10",      // carrier-grade NAT
            "127.0.0.0/8",        // loopback
            "169.254.0.0/16",     // link-local, 169.254.169.254 (instance metadata) included
            "172.16.0.0/12",      // RFC 1918
            "192.0.0.0/24",       // IETF protocol assignments
            "192.0.2.0/24",       // documentation
            "192.88.99.0/24",     // deprecated 6to4 relay anycast
            "192.168.0.0/16",     // RFC 1918
            "198.18.0.0/15",      // benchmarking
            "198.51.100.0/24",    // documentation
            "203.0.113.0/24",     // documentation
            "224.0.0.0/4",        // multicast
            "240.0.0.0/4",        // reserved, 255.255.255.255 (broadcast) included
            "168.63.129.16/32",   // Azure wire server (DHCP, DNS, health probes, VM agent)
            "::/96",              // unspecified, loopback and the deprecated IPv4-compatible form
            "::ffff:0:0:0/96",    // IPv4-translated
            "64:ff9b:1::/48",     // local-use NAT64
            "100::/64",           // discard
            "2001::/23",          // IETF protocol assignments, Teredo included
            "2001:db8::/32",      // documentation
            "3fff::/20",          // documentation
            "fc00::/7",           // unique local
            "fe80::/10",          // link-local
            "fec0::/10",          // deprecated site-local
            "ff00::/8",           // multicast
        }.Select(IPNetwork.Parse),
    ];

    // Prefixes that carry an IPv4 address a gateway will deliver to; the embedded address decides.
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    public static bool Contains(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return Contains(address.MapToIPv4());
        }

        if (Nat64.Contains(address))
        {
            return Contains(new IPAddress(address.GetAddressBytes()[12..16]));
        }

        if (SixToFour.Contains(address))
        {
            return Contains(new IPAddress(address.GetAddressBytes()[2..6]));
        }

        return !NonPublic.Any(network => network.Contains(address));
    }
}
