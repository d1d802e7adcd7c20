using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Glance.Integration.Tests.Metadefs;

/// <summary>Records the table queries a client makes: the filter of each, and how many rows came back in all.</summary>
public sealed class RowCounter : HttpPipelineSynchronousPolicy
{
    private readonly List<string> _filters = [];
    private int _rows;

    public int Rows => Volatile.Read(ref _rows);

    public IReadOnlyList<string> Filters
    {
        get
        {
            lock (_filters)
            {
                return [.. _filters];
            }
        }
    }

    public override void OnReceivedResponse(HttpMessage message)
    {
        var query = Uri.UnescapeDataString(message.Request.Uri.Query);
        if (message.Request.Method != RequestMethod.Get || !query.Contains("$filter=", StringComparison.Ordinal))
        {
            return;
        }
        lock (_filters)
        {
            _filters.Add(query[(query.IndexOf("$filter=", StringComparison.Ordinal) + 8)..].Split('&')[0]);
        }
        using var body = JsonDocument.Parse(message.Response.Content);
        Interlocked.Add(ref _rows, body.RootElement.GetProperty("value").GetArrayLength());
    }
}
