using System.Diagnostics;
using System.Text.Json;
using Azure.Data.Tables;

namespace Glance.Benchmarks;

/// <summary>Times the list requests of the benchmark and the raw range read they are compared with, interleaved in rounds.</summary>
internal sealed class ListingProbe(HttpClient http, TableClient index, int reps)
{
    /// <summary>
    /// Each cell with the partition whose raw 25-row read is its floor: the biggest one the request reads. Azurite
    /// answers every query by scanning the whole table and sorting the partition's matches, so a range read's cost
    /// grows with the table and with the partition (Azure's does not): a list compared with a floor from a smaller
    /// partition would be charged the emulator's sorting as its own.
    /// </summary>
    private static readonly (string Name, string Project, string Roles, string Query, string FloorPartition)[] Cells =
    [
        ("project, page 1", CatalogueSeederNames.Member, "member,reader", "limit=25", "public"),
        ("project, page 10", CatalogueSeederNames.Member, "member,reader", "limit=25", "public"),
        ("admin, page 1", "admin-project", "admin,member,reader", "limit=25", "all"),
        ("admin, page 10", "admin-project", "admin,member,reader", "limit=25", "all"),
        ("project, name filter", CatalogueSeederNames.Member, "member,reader", "limit=25&name=" + CatalogueSeederNames.PublicName, "public"),
    ];

    /// <summary>The floor a cell is compared with.</summary>
    public static string FloorOf(string cell) => Floor(Cells.Single(c => c.Name == cell).FloorPartition);

    private static string Floor(string partition) => $"raw read of 25, {partition} partition";

    /// <summary>Times every cell and floor, interleaved in rounds; a cancellation stops it between requests.</summary>
    public async Task<Dictionary<string, List<double>>> MeasureAsync(CancellationToken cancellationToken)
    {
        var markers = new Dictionary<string, string?>();
        foreach (var cell in Cells)
        {
            markers[cell.Name] = cell.Name.EndsWith("page 10", StringComparison.Ordinal) ? await MarkerOfPageAsync(cell, 10) : null;
        }
        var floors = Cells.Select(c => c.FloorPartition).Distinct().ToList();
        var results = Cells.Select(c => c.Name).Concat(floors.Select(Floor)).ToDictionary(n => n, _ => new List<double>());
        for (var round = -3; round < reps; round++)
        {
            foreach (var cell in Cells)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var elapsed = await TimeListAsync(cell, markers[cell.Name]);
                if (round >= 0)
                {
                    results[cell.Name].Add(elapsed);
                }
            }
            foreach (var partition in floors)
            {
                var raw = await TimeRawRangeAsync(partition);
                if (round >= 0)
                {
                    results[Floor(partition)].Add(raw);
                }
            }
        }
        return results;
    }

    private async Task<double> TimeListAsync((string Name, string Project, string Roles, string Query, string FloorPartition) cell, string? marker)
    {
        using var request = Request(cell, marker);
        var clock = Stopwatch.StartNew();
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        response.EnsureSuccessStatusCode();
        var count = JsonDocument.Parse(body).RootElement.GetProperty("images").GetArrayLength();
        // Every cell lists full pages, except the name filter on the small catalogue (one image has each name there).
        if (count != 25 && !(cell.Query.Contains("name=", StringComparison.Ordinal) && count > 0))
        {
            throw new InvalidOperationException($"{cell.Name}: {count} images instead of 25; the catalogue is too small for this cell.");
        }
        return elapsed;
    }

    /// <summary>The floor: what a page of listing rows costs to read from Azurite at all (same row size, no service).</summary>
    private async Task<double> TimeRawRangeAsync(string partition)
    {
        var clock = Stopwatch.StartNew();
        await foreach (var page in index.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), maxPerPage: 25).AsPages())
        {
            if (page.Values.Count != 25)
            {
                throw new InvalidOperationException("The raw floor read fewer than 25 rows.");
            }
            break;
        }
        return clock.Elapsed.TotalMilliseconds;
    }

    private async Task<string?> MarkerOfPageAsync((string Name, string Project, string Roles, string Query, string FloorPartition) cell, int page)
    {
        string? marker = null;
        for (var i = 1; i < page; i++)
        {
            using var request = Request(cell, marker);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var listed = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("images");
            marker = listed[listed.GetArrayLength() - 1].GetProperty("id").GetString();
        }
        return marker;
    }

    private static HttpRequestMessage Request((string Name, string Project, string Roles, string Query, string FloorPartition) cell, string? marker)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v2/images?" + cell.Query + (marker is null ? "" : "&marker=" + marker));
        request.Headers.Add("X-Identity-Status", "Confirmed");
        request.Headers.Add("X-Project-Id", cell.Project);
        request.Headers.Add("X-User-Id", "bench-user");
        request.Headers.Add("X-Roles", cell.Roles);
        return request;
    }
}
