using Microsoft.AspNetCore.Http;

namespace Glance.Functions.Http;

/// <summary>
/// Streams image bytes to the client with constant memory; the source is disposed at the end, and
/// <paramref name="completed"/> learns how many bytes went out (also when the client went away).
/// </summary>
public sealed class StreamResult(
    int statusCode, Stream content, long length, IReadOnlyDictionary<string, string> headers, Func<long, Task>? completed = null) : IResult
{
    private const int BufferSize = 1024 * 1024;

    public int StatusCode => statusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        await using (content)
        {
            var response = httpContext.Response;
            response.StatusCode = statusCode;
            response.ContentType = "application/octet-stream";
            response.ContentLength = length;
            foreach (var (name, value) in headers)
            {
                response.Headers[name] = value;
            }
            var buffer = new byte[BufferSize];
            long sent = 0;
            try
            {
                // Storage hands out ~64 KB per read; filling the buffer first makes one write (and flush) per MiB.
                int filled;
                while ((filled = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, httpContext.RequestAborted)) > 0)
                {
                    await response.Body.WriteAsync(buffer.AsMemory(0, filled), httpContext.RequestAborted);
                    sent += filled;
                }
            }
            finally
            {
                if (completed is not null)
                {
                    await completed(sent);
                }
            }
        }
    }
}
