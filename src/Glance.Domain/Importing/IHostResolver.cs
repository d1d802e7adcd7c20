using System.Net;

namespace Glance.Domain.Importing;

/// <summary>Resolves a DNS name for the web-download filter, which must see every address a name points to.</summary>
public interface IHostResolver
{
    /// <summary>The addresses <paramref name="host"/> resolves to; empty when the name does not exist.</summary>
    Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken = default);
}
