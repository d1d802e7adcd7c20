using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Glance.Functions.Http;

/// <summary>
/// An error in Glance's (webob's) shape: JSON <c>{"message","code","title"}</c> for clients that accept JSON
/// (all OpenStack clients do), HTML for browsers and <c>*/*</c>, plain text when no Accept header is sent.
/// </summary>
public sealed class ErrorResult(
    int statusCode, string title, string message, IReadOnlyDictionary<string, string>? headers = null, bool isDetail = false) : IResult
{
    public int StatusCode => statusCode;
    public string Message => message;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            response.Headers[name] = value;
        }
        var status = $"{statusCode} {title}";
        var accept = httpContext.Request.Headers.Accept.ToString();
        string body;
        // webob's layout: the explanation, then the detail (empty unless the message is a detail).
        var (explanation, detail) = isDetail ? (ErrorStatus.DefaultExplanation(statusCode), message) : (message, "");
        if (accept.Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            response.ContentType = "application/json";
            body = JsonSerializer.Serialize(new ErrorBody($"{explanation}<br /><br />\n{detail}\n\n", status, title), GlanceJson.Context.ErrorBody);
        }
        else if (accept.Length == 0)
        {
            response.ContentType = "text/plain; charset=UTF-8";
            body = $"{status}\n\n{explanation}\n\n{detail}  ";
        }
        else
        {
            response.ContentType = "text/html; charset=UTF-8";
            body = $"<html>\n <head>\n  <title>{status}</title>\n </head>\n <body>\n  <h1>{status}</h1>\n  " +
                $"{WebUtility.HtmlEncode(explanation)}<br /><br />\n{WebUtility.HtmlEncode(detail)}\n\n\n </body>\n</html>";
        }
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }
}
