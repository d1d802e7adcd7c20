using System.Net.Sockets;
using System.Text;

namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// One HTTP/1.1 exchange over a plain socket, sending exactly the bytes given. HttpClient cannot send much of a
/// hostile corpus: System.Uri removes dot segments, and HttpClient refuses non-ASCII header values, sets
/// Content-Length itself and will not send a request line over its own limits.
/// </summary>
internal static class RawHttp
{
    public sealed record Response(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
    {
        public string Text => Encoding.UTF8.GetString(Body);
    }

    /// <param name="target">The request target as sent, e.g. <c>/v2/images/x/../y?limit=1</c>.</param>
    /// <param name="headers">Header lines as sent, each name and value Latin-1 (one byte per char).</param>
    /// <param name="body">Sent after the headers; Content-Length is added only if <paramref name="headers"/> has none.</param>
    public static async Task<Response> SendAsync(
        string baseUrl, string method, string target, IEnumerable<(string Name, string Value)> headers, byte[]? body,
        TimeSpan? timeout = null)
    {
        var uri = new Uri(baseUrl);
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        using var client = new TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port, cancellation.Token);
        var stream = client.GetStream();
        var head = new StringBuilder($"{method} {target} HTTP/1.1\r\nHost: {uri.Authority}\r\nConnection: close\r\n");
        var headerList = headers.ToList();
        foreach (var (name, value) in headerList)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        if (body is not null && !headerList.Any(h => h.Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                                                   || h.Name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)))
        {
            head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        }
        head.Append("\r\n");
        try
        {
            await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()), cancellation.Token);
            if (body is not null)
            {
                await stream.WriteAsync(body, cancellation.Token);
            }
        }
        catch (IOException)
        {
            // The server may answer (413, 431) and close before reading everything sent; its answer is still readable.
        }
        return await ReadResponseAsync(stream, cancellation.Token);
    }

    private static async Task<Response> ReadResponseAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int headerEnd;
        while ((headerEnd = IndexOf(received, "\r\n\r\n"u8)) < 0)
        {
            if (!await ReadSomeAsync(stream, received, buffer, cancellationToken))
            {
                throw new IOException($"The connection closed before a complete response head ({received.Length} bytes received).");
            }
        }
        var headText = Encoding.Latin1.GetString(received.GetBuffer(), 0, headerEnd);
        var lines = headText.Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1]);
        var responseHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            responseHeaders[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        var bodyStart = headerEnd + 4;
        if (responseHeaders.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            return new Response(status, responseHeaders, await ReadChunkedAsync(stream, received, bodyStart, buffer, cancellationToken));
        }
        if (responseHeaders.TryGetValue("Content-Length", out var lengthText))
        {
            var length = int.Parse(lengthText);
            while (received.Length - bodyStart < length && await ReadSomeAsync(stream, received, buffer, cancellationToken))
            {
            }
            return new Response(status, responseHeaders, received.ToArray()[bodyStart..(bodyStart + length)]);
        }
        while (await ReadSomeAsync(stream, received, buffer, cancellationToken))
        {
        }
        return new Response(status, responseHeaders, received.ToArray()[bodyStart..]);
    }

    private static async Task<byte[]> ReadChunkedAsync(
        NetworkStream stream, MemoryStream received, int position, byte[] buffer, CancellationToken cancellationToken)
    {
        var body = new MemoryStream();
        while (true)
        {
            int lineEnd;
            while ((lineEnd = IndexOf(received, "\r\n"u8, position)) < 0)
            {
                if (!await ReadSomeAsync(stream, received, buffer, cancellationToken))
                {
                    throw new IOException("The connection closed inside a chunked body.");
                }
            }
            var sizeText = Encoding.ASCII.GetString(received.GetBuffer(), position, lineEnd - position).Split(';')[0];
            var size = Convert.ToInt32(sizeText, 16);
            position = lineEnd + 2;
            while (received.Length < position + size + 2)
            {
                if (!await ReadSomeAsync(stream, received, buffer, cancellationToken))
                {
                    throw new IOException("The connection closed inside a chunk.");
                }
            }
            if (size == 0)
            {
                return body.ToArray();
            }
            body.Write(received.GetBuffer(), position, size);
            position += size + 2;
        }
    }

    private static async Task<bool> ReadSomeAsync(NetworkStream stream, MemoryStream received, byte[] buffer, CancellationToken cancellationToken)
    {
        int read;
        try
        {
            read = await stream.ReadAsync(buffer, cancellationToken);
        }
        catch (IOException)
        {
            // A reset after the server's answer: what arrived before it is all there is.
            return false;
        }
        received.Write(buffer, 0, read);
        return read > 0;
    }

    private static int IndexOf(MemoryStream stream, ReadOnlySpan<byte> pattern, int start = 0)
    {
        var index = stream.GetBuffer().AsSpan(start, (int)stream.Length - start).IndexOf(pattern);
        return index < 0 ? -1 : index + start;
    }
}
