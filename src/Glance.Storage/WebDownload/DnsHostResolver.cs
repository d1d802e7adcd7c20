using System.Net;
using System.Net.Sockets;
using Glance.Domain.Importing;

namespace Glance.Storage.WebDownload;

/// <summary>Resolves web-download host names with the platform resolver.</summary>
public sealed class DnsHostResolver : IHostResolver
{
    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken = default)
    {
        // Dns answers an empty name with this machine's own addresses and an address text with that address,
        // in any notation; the filter never asks either, and neither may slip through by mistake.
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        if (IPAddress.TryParse(host, out _))
        {
            throw new ArgumentException("Only DNS names are resolved.", nameof(host));
        }

        try
        {
            return await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            // An unknown or unresolvable name is the caller's problem (the filter answers 400), not a server error.
            return [];
        }
    }
}
