using System.Net;
using System.Net.Sockets;
using Glance.Domain.Errors;
using Glance.Domain.Importing;

namespace Glance.Storage.WebDownload;

/// <summary>
/// Opens a web-download URI as a stream. Every hop of a redirect chain passes the filter again, and every connection
/// goes to an address the filter vetted for that hop, never to a second DNS answer that could point inside
/// (DNS rebinding).
/// </summary>
public sealed class WebDownloadClient(WebDownloadUriFilter filter, WebDownloadOptions options) : IDisposable
{
    private static readonly HttpRequestOptionsKey<IReadOnlyList<IPAddress>> VettedAddresses = new("Glance.WebDownload.VettedAddresses");

    private readonly HttpClient _http = CreateHttpClient();

    /// <summary>
    /// Follows up to <see cref="WebDownloadOptions.MaxRedirects"/> redirects and returns the final response once its
    /// headers have arrived; the body is read from the network as the caller reads it.
    /// </summary>
    public async Task<WebDownloadResponse> OpenAsync(Uri uri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var current = uri;
        for (int redirects = 0; ; redirects++)
        {
            var addresses = await filter.EnsureAllowedAsync(current, cancellationToken).ConfigureAwait(false);
            var response = await SendAsync(uri, current, addresses, cancellationToken).ConfigureAwait(false);
            if (!IsRedirect(response.StatusCode))
            {
                return await OpenBodyAsync(uri, current, response, cancellationToken).ConfigureAwait(false);
            }

            using (response)
            {
                if (redirects >= options.MaxRedirects)
                {
                    throw Failed(uri, $"more than {options.MaxRedirects} redirects");
                }

                current = RedirectTarget(uri, current, response);
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(Uri original, Uri target, IReadOnlyList<IPAddress> addresses, CancellationToken cancellationToken)
    {
        if (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps)
        {
            throw Failed(original, $"the scheme of {target.OriginalString} is not supported");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        request.Options.Set(VettedAddresses, addresses);
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw Failed(original, e.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failed(original, $"{target.OriginalString} did not answer in time");
        }
    }

    private static async Task<WebDownloadResponse> OpenBodyAsync(Uri original, Uri final, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            if (!response.IsSuccessStatusCode)
            {
                throw Failed(original, $"{final.OriginalString} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var content = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new WebDownloadResponse(content, response.Content.Headers.ContentLength, final, response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    // System.Uri keeps the Location text as the server wrote it (OriginalString), so the filter judges the host in the
    // server's own notation, including in a network-path reference like //0x7f.1/.
    private static Uri RedirectTarget(Uri original, Uri current, HttpResponseMessage response)
    {
        var location = response.Headers.Location
            ?? throw Failed(original, $"{current.OriginalString} answered HTTP {(int)response.StatusCode} without a Location");
        return location.IsAbsoluteUri ? location
            : Uri.TryCreate(current, location, out var next) ? next
            : throw Failed(original, $"{current.OriginalString} redirected to an invalid location");
    }

    private static GlanceException Failed(Uri original, string reason) =>
        GlanceErrors.WebDownloadFailed(original.OriginalString, reason);

    private static HttpClient CreateHttpClient()
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,                           // followed in OpenAsync, through the filter
            UseProxy = false,                                    // a proxy would resolve and connect on its own
            AutomaticDecompression = DecompressionMethods.None,  // the image's bytes as served: a .gz stays a .gz
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            ConnectCallback = ConnectToVettedAddressAsync,
        };
        var http = new HttpClient(handler, disposeHandler: true);
        http.DefaultRequestHeaders.UserAgent.ParseAdd("glance-web-download");
        return http;
    }

    // Replaces the handler's own DNS lookup; TLS still verifies the certificate against the URI's host name.
    private static async ValueTask<Stream> ConnectToVettedAddressAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        if (!context.InitialRequestMessage.Options.TryGetValue(VettedAddresses, out var addresses) || addresses.Count == 0)
        {
            throw new InvalidOperationException("A web-download connection was asked for without vetted addresses.");
        }

        SocketException? failure = null;
        foreach (var vetted in addresses)
        {
            var address = vetted.IsIPv4MappedToIPv6 ? vetted.MapToIPv4() : vetted;
            Socket? socket = null;
            try
            {
                socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket?.Dispose();
                failure = e;
            }
            catch
            {
                socket?.Dispose();
                throw;
            }
        }

        throw failure!;
    }
}
