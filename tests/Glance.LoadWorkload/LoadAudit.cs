using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;

namespace Glance.LoadWorkload;

/// <summary>
/// After the clients stop: waits for what the service finishes on its own (upload validations, notifications), then
/// checks that every image the clients created is accounted for (shown with the expected state, metadata, members
/// and bytes, or gone if deleted), that each project's listing holds exactly its live images, and that every
/// committed change produced exactly its notifications.
/// </summary>
internal sealed class LoadAudit(LoadApi api, IReadOnlyList<LoadClient> clients, IEventLog events, LoadSettings settings, TextWriter progress)
{
    // The notifications the clients' requests commit a known number of; task.* and image.send are not judged.
    private static readonly string[] JudgedEvents =
    [
        "image.create", "image.update", "image.delete", "image.prepare", "image.upload", "image.activate",
        "image.member.create", "image.member.update",
    ];

    private readonly ConcurrentQueue<string> _failures = new();

    public async Task<AuditFindings> RunAsync(CancellationToken cancellationToken)
    {
        var images = clients.SelectMany(c => c.Images.Select(i => (Client: c, Image: i))).ToList();
        await AwaitValidationsAsync(images, cancellationToken);
        var bytesVerified = 0L;
        await Parallel.ForEachAsync(images, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (item, token) =>
            Interlocked.Add(ref bytesVerified, await CheckImageAsync(item.Image, token)));
        var listed = 0;
        foreach (var client in clients)
        {
            listed += await CheckListingAsync(client, cancellationToken);
        }
        var (received, judged, waited) = await CheckEventsAsync(images.Select(i => i.Image).ToList(), cancellationToken);
        var count = (TrackedState state) => images.Count(i => i.Image.State == state);
        return new AuditFindings([.. clients.SelectMany(c => c.Failures), .. _failures],
        [
            $"images created: {images.Count} (deleted {count(TrackedState.Deleted)}, active {count(TrackedState.Active)}, " +
            $"queued {count(TrackedState.Queued)}, still uploading {count(TrackedState.Uploading)})",
            $"bytes read back and hashed (sha512, md5): {bytesVerified} in {count(TrackedState.Active)} active images",
            $"listings: {clients.Count} projects paged, {listed} images listed",
            $"notifications: {received} received ({events.Redeliveries} redelivered, de-duplicated by id), {judged} judged against the clients' record; " +
            $"the last expected one arrived {waited.TotalSeconds:F0} s after the audit began waiting",
        ]);
    }

    /// <summary>Images uploaded through a URL are validated by the blob trigger after the fact: wait for it to finish.</summary>
    private async Task AwaitValidationsAsync(List<(LoadClient Client, TrackedImage Image)> images, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + settings.SettleTimeout;
        while (true)
        {
            var pending = images.Where(i => i.Image.State == TrackedState.Uploading && i.Image.Broken is null).ToList();
            if (pending.Count == 0)
            {
                return;
            }
            progress.WriteLine($"waiting for {pending.Count} upload validations...");
            foreach (var (client, image) in pending)
            {
                var shown = await api.SendAsync("audit: show", image.Owner, HttpMethod.Get, $"/v2/images/{image.Id}", null, cancellationToken, 200);
                if (shown.Status == 200)
                {
                    client.Observe(image, shown.Json().GetProperty("status").GetString());
                }
            }
            if (DateTime.UtcNow > deadline)
            {
                foreach (var (_, image) in pending.Where(i => i.Image.State == TrackedState.Uploading))
                {
                    image.Broken = $"image {image.Id} was still uploading {settings.SettleTimeout.TotalSeconds:0} s after the load: its validation never finished";
                    _failures.Enqueue(image.Broken);
                }
                return;
            }
            await Task.Delay(500, cancellationToken);
        }
    }

    /// <returns>The bytes read back and checked.</returns>
    private async Task<long> CheckImageAsync(TrackedImage image, CancellationToken cancellationToken)
    {
        if (image.Broken is not null)
        {
            return 0;
        }
        if (!image.IsLive)
        {
            await Expect(api.SendAsync("audit: show", image.Owner, HttpMethod.Get, $"/v2/images/{image.Id}", null, cancellationToken, 404), 404, image);
            return 0;
        }
        var shown = await api.SendAsync("audit: show", image.Owner, HttpMethod.Get, $"/v2/images/{image.Id}", null, cancellationToken, 200);
        if (!await Expect(Task.FromResult(shown), 200, image))
        {
            return 0;
        }
        var json = shown.Json();
        Compare(image, "status", LoadClient.Wire(image.State), json.GetProperty("status").GetString());
        Compare(image, "name", image.Name, json.GetProperty("name").GetString());
        Compare(image, "min_ram", image.MinRam.ToString(System.Globalization.CultureInfo.InvariantCulture), json.GetProperty("min_ram").GetRawText());
        Compare(image, "tags", string.Join(",", image.Tags.Order(StringComparer.Ordinal)),
            string.Join(",", json.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Order(StringComparer.Ordinal)));
        var properties = json.EnumerateObject().Where(p => p.Name.StartsWith("load_", StringComparison.Ordinal)).ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
        Compare(image, "load_* properties", Describe(image.Properties), Describe(properties));
        var active = image.State == TrackedState.Active;
        Compare(image, "size", active ? image.Size?.ToString(System.Globalization.CultureInfo.InvariantCulture) : null, Nullable(json, "size"));
        Compare(image, "checksum", active ? image.Md5 : null, Nullable(json, "checksum"));
        Compare(image, "os_hash_algo", active ? "sha512" : null, Nullable(json, "os_hash_algo"));
        Compare(image, "os_hash_value", active ? image.Sha512 : null, Nullable(json, "os_hash_value"));

        var members = await api.SendAsync("audit: members", image.Owner, HttpMethod.Get, $"/v2/images/{image.Id}/members", null, cancellationToken, 200);
        if (await Expect(Task.FromResult(members), 200, image))
        {
            var listed = members.Json().GetProperty("members").EnumerateArray()
                .ToDictionary(m => m.GetProperty("member_id").GetString()!, m => m.GetProperty("status").GetString() ?? "");
            Compare(image, "members", Describe(image.Members), Describe(listed));
        }
        if (!active)
        {
            return 0;
        }
        var data = await api.SendAsync("audit: download", image.Owner, HttpMethod.Get, $"/v2/images/{image.Id}/file", null, cancellationToken, 200);
        if (!await Expect(Task.FromResult(data), 200, image))
        {
            return 0;
        }
        Compare(image, "downloaded sha512", image.Sha512, LoadClient.Hex(SHA512.HashData(data.Body)));
        Compare(image, "downloaded md5", image.Md5, LoadClient.Hex(MD5.HashData(data.Body)));
        return data.Body.Length;
    }

    /// <summary>Every page of the project's own images: exactly its live images, each once.</summary>
    private async Task<int> CheckListingAsync(LoadClient client, CancellationToken cancellationToken)
    {
        var seen = new List<string>();
        string? next = $"/v2/images?owner={client.Project}&limit=100";
        for (var pages = 0; next is not null && pages < 1000; pages++)
        {
            var page = await api.SendAsync("audit: list", client.Project, HttpMethod.Get, next, null, cancellationToken, 200);
            if (page.Status != 200)
            {
                _failures.Enqueue($"listing {client.Project} answered {page.Status}");
                return seen.Count;
            }
            var json = page.Json();
            seen.AddRange(json.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            next = json.TryGetProperty("next", out var n) ? n.GetString() : null;
        }
        var live = client.Images.Where(i => i.IsLive).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var duplicates = seen.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var missing = live.Except(seen).ToList();
        var extra = seen.Except(live).ToList();
        if (duplicates.Count + missing.Count + extra.Count > 0)
        {
            _failures.Enqueue($"listing {client.Project}: {missing.Count} live images missing ({string.Join(", ", missing.Take(3))}), " +
                $"{extra.Count} unexpected ({string.Join(", ", extra.Take(3))}), {duplicates.Count} listed twice");
        }
        return seen.Count;
    }

    /// <summary>
    /// Waits until every expected notification arrived, or until none arrived for the settle timeout (a backlog still
    /// draining is late, not lost: it is waited for, up to <see cref="LoadSettings.DrainLimit"/>), then compares exact counts.
    /// </summary>
    private async Task<(int Received, int Judged, TimeSpan Waited)> CheckEventsAsync(List<TrackedImage> images, CancellationToken cancellationToken)
    {
        var judged = images.Where(i => i.Broken is null).ToList();
        var started = DateTime.UtcNow;
        var stalledSince = started;
        var fewestMissing = int.MaxValue;
        Dictionary<(string Image, string Type), int> actual;
        while (true)
        {
            actual = events.Snapshot().GroupBy(e => (e.ImageId, e.Type)).ToDictionary(g => g.Key, g => g.Count());
            var missing = judged.Sum(i => i.ExpectedEvents.Sum(e => Math.Max(0, e.Value - actual.GetValueOrDefault((i.Id, e.Key)))));
            if (missing < fewestMissing)
            {
                fewestMissing = missing;
                stalledSince = DateTime.UtcNow;
            }
            if (missing == 0 || DateTime.UtcNow - stalledSince > settings.SettleTimeout || DateTime.UtcNow - started > settings.DrainLimit)
            {
                break;
            }
            progress.WriteLine($"waiting for {missing} notifications...");
            await Task.Delay(1000, cancellationToken);
        }
        var waited = DateTime.UtcNow - started;
        // A moment more, so that a duplicate commit's extra notification has time to show up too.
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        actual = events.Snapshot().GroupBy(e => (e.ImageId, e.Type)).ToDictionary(g => g.Key, g => g.Count());
        var mismatches = 0;
        foreach (var image in judged)
        {
            foreach (var type in JudgedEvents)
            {
                var expected = image.ExpectedEvents.GetValueOrDefault(type);
                var received = actual.GetValueOrDefault((image.Id, type));
                if (expected != received && mismatches++ < 20)
                {
                    _failures.Enqueue($"image {image.Id} ({LoadClient.Wire(image.State)}): {type} expected {expected}, received {received}");
                }
            }
        }
        if (mismatches > 20)
        {
            _failures.Enqueue($"... and {mismatches - 20} more notification counts differ");
        }
        return (actual.Values.Sum(), judged.Count, waited);
    }

    private async Task<bool> Expect(Task<ApiResponse> response, int status, TrackedImage image)
    {
        var answer = await response;
        if (answer.Status == status)
        {
            return true;
        }
        _failures.Enqueue($"image {image.Id} ({LoadClient.Wire(image.State)}): expected {status}, answered {answer.Status}");
        return false;
    }

    private void Compare(TrackedImage image, string what, string? expected, string? actual)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            _failures.Enqueue($"image {image.Id} ({LoadClient.Wire(image.State)}): {what} is '{actual}', expected '{expected}'");
        }
    }

    private static string? Nullable(JsonElement json, string name) =>
        json.GetProperty(name) is { ValueKind: not JsonValueKind.Null } value
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    private static string Describe(IReadOnlyDictionary<string, string> values) =>
        string.Join(",", values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"));
}
