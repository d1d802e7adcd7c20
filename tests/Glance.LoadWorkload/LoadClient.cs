using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Glance.LoadWorkload;

/// <summary>
/// One client: its own project, one request at a time, a weighted mix of what image users do (create, PATCH,
/// list with filters, show, upload through PUT /file and through an upload URL, download, share, tag, delete),
/// keeping at most a bounded number of live images. It records what each successful request changed, including
/// the notifications it committed, in <see cref="Images"/>; the audit compares the service with that record.
/// </summary>
internal sealed class LoadClient
{
    public const string Guest = "load-guest";

    // The first bytes of every upload: no disk format's magic, so random data is always plain raw content.
    private static readonly byte[] Preamble = "GLANCE-LOADTEST\n"u8.ToArray();

    private readonly LoadApi _api;
    private readonly LoadSettings _settings;
    private readonly IReadOnlyList<string> _others;
    private readonly Random _random;
    private readonly HttpClient _storage;
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow.AddSeconds(-1);
    private int _created;

    public LoadClient(int index, string project, IReadOnlyList<string> others, LoadApi api, HttpClient storage, LoadSettings settings)
    {
        Project = project;
        _others = others.Count > 0 ? others : [Guest];
        _api = api;
        _storage = storage;
        _settings = settings;
        _random = new Random(unchecked((settings.Seed * 7919) + index));
    }

    public string Project { get; }

    public List<TrackedImage> Images { get; } = [];

    /// <summary>Wrong data or state seen during the run (a download whose bytes differ, an image in an unexpected state).</summary>
    public List<string> Failures { get; } = [];

    public async Task RunAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        while (clock.Elapsed < _settings.Duration && !cancellationToken.IsCancellationRequested)
        {
            await Choose()(cancellationToken);
        }
    }

    /// <summary>
    /// Takes note of a status read for an image uploaded through its URL: active means validation finished and
    /// committed its notifications; queued means validation refused bytes that were correct.
    /// </summary>
    public void Observe(TrackedImage image, string? status)
    {
        if (image.State != TrackedState.Uploading)
        {
            return;
        }
        if (status == "active")
        {
            image.State = TrackedState.Active;
            // Validation's move to importing, then its activation.
            image.Expect("image.update", 2);
            image.Expect("image.prepare");
            image.Expect("image.upload");
            image.Expect("image.activate");
        }
        else if (status is not ("uploading" or "importing"))
        {
            image.Broken = $"image {image.Id} uploaded through its URL went to '{status}' instead of active";
            image.State = TrackedState.Queued;
            Failures.Add(image.Broken);
        }
    }

    private Func<CancellationToken, Task> Choose()
    {
        var live = Images.Where(i => i.IsLive).ToList();
        var settled = live.Where(i => i.State != TrackedState.Uploading).ToList();
        var queued = settled.Where(i => i.State == TrackedState.Queued).ToList();
        var active = settled.Where(i => i.State == TrackedState.Active).ToList();
        var pending = live.Where(i => i.State == TrackedState.Uploading).ToList();
        var full = live.Count >= _settings.MaxImagesPerClient;
        var choices = new List<(int Weight, Func<CancellationToken, Task> Run)>
        {
            (14, ListAsync),
        };
        if (!full)
        {
            choices.Add((10, CreateAsync));
        }
        if (settled.Count > 0)
        {
            choices.Add((14, c => PatchAsync(Pick(settled), c)));
            choices.Add((8, c => TagAsync(Pick(settled), c)));
            choices.Add((12, c => ShowAsync(Pick(Images), c)));
            choices.Add((5, c => ShareAsync(Pick(settled), c)));
            choices.Add((full ? 40 : 6, c => DeleteAsync(Pick(settled), c)));
        }
        if (queued.Count > 0)
        {
            choices.Add((8, c => UploadFileAsync(Pick(queued), c)));
            choices.Add((6, c => UploadThroughUrlAsync(Pick(queued), c)));
        }
        if (pending.Count > 0)
        {
            choices.Add((10, c => ShowAsync(Pick(pending), c)));
        }
        if (active.Count > 0)
        {
            choices.Add((12, c => DownloadAsync(Pick(active), c)));
        }
        var roll = _random.Next(choices.Sum(c => c.Weight));
        foreach (var (weight, run) in choices)
        {
            if ((roll -= weight) < 0)
            {
                return run;
            }
        }
        return choices[^1].Run;
    }

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        var n = ++_created;
        var name = $"{Project}-image-{n}";
        var tag = $"t{n % 4}";
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["name"] = name, ["disk_format"] = "raw", ["container_format"] = "bare", ["visibility"] = "shared",
            ["tags"] = new[] { "load", tag }, ["load_k"] = $"v{n}",
        });
        var response = await _api.SendAsync("create", Project, HttpMethod.Post, "/v2/images", LoadApi.Json(body), cancellationToken, 201);
        if (response.Status != 201)
        {
            return;
        }
        var image = new TrackedImage(response.Json().GetProperty("id").GetString()!, Project) { Name = name };
        image.Tags.UnionWith(["load", tag]);
        image.Properties["load_k"] = $"v{n}";
        image.Expect("image.create");
        Images.Add(image);
    }

    private async Task PatchAsync(TrackedImage image, CancellationToken cancellationToken)
    {
        var operations = new List<Dictionary<string, object>>();
        string? name = null;
        int? minRam = null;
        var added = new Dictionary<string, string>();
        string? removed = null;
        if (_random.Next(2) == 0)
        {
            name = $"{Project}-renamed-{_random.Next(1000)}";
            operations.Add(new() { ["op"] = "replace", ["path"] = "/name", ["value"] = name });
        }
        if (_random.Next(2) == 0)
        {
            var key = $"load_p{_random.Next(6)}";
            added[key] = $"w{_random.Next(1000)}";
            operations.Add(new() { ["op"] = "add", ["path"] = "/" + key, ["value"] = added[key] });
        }
        if (_random.Next(4) == 0 && image.Properties.Keys.FirstOrDefault(k => !added.ContainsKey(k)) is { } existing)
        {
            removed = existing;
            operations.Add(new() { ["op"] = "remove", ["path"] = "/" + existing });
        }
        if (operations.Count == 0 || _random.Next(3) == 0)
        {
            minRam = _random.Next(0, 4096);
            operations.Add(new() { ["op"] = "replace", ["path"] = "/min_ram", ["value"] = minRam });
        }
        var response = await _api.SendAsync("patch", Project, HttpMethod.Patch, $"/v2/images/{image.Id}",
            LoadApi.Patch(JsonSerializer.Serialize(operations)), cancellationToken, 200);
        if (response.Status != 200)
        {
            return;
        }
        image.Name = name ?? image.Name;
        image.MinRam = minRam ?? image.MinRam;
        foreach (var (key, value) in added)
        {
            image.Properties[key] = value;
        }
        if (removed is not null)
        {
            image.Properties.Remove(removed);
        }
        image.Expect("image.update");
    }

    private async Task TagAsync(TrackedImage image, CancellationToken cancellationToken)
    {
        if (image.Tags.Count > 0 && _random.Next(2) == 0)
        {
            var tag = Pick(image.Tags.Order(StringComparer.Ordinal).ToList());
            var removed = await _api.SendAsync("tag delete", Project, HttpMethod.Delete, $"/v2/images/{image.Id}/tags/{tag}", null, cancellationToken, 204);
            if (removed.Status == 204)
            {
                image.Tags.Remove(tag);
                image.Expect("image.update");
            }
            return;
        }
        var added = $"t{_random.Next(8)}";
        var response = await _api.SendAsync("tag add", Project, HttpMethod.Put, $"/v2/images/{image.Id}/tags/{added}", null, cancellationToken, 204);
        if (response.Status == 204)
        {
            image.Tags.Add(added);
            // Adding a present tag still saves (updated_at moves), so it is still an image.update.
            image.Expect("image.update");
        }
    }

    private async Task ShowAsync(TrackedImage image, CancellationToken cancellationToken)
    {
        var expected = image.IsLive ? 200 : 404;
        var response = await _api.SendAsync("show", Project, HttpMethod.Get, $"/v2/images/{image.Id}", null, cancellationToken, expected);
        if (response.Status != 200 || !image.IsLive)
        {
            return;
        }
        var status = response.Json().GetProperty("status").GetString();
        if (image.State == TrackedState.Uploading)
        {
            Observe(image, status);
        }
        else if (status != Wire(image.State))
        {
            Failures.Add($"image {image.Id} showed status '{status}', expected '{Wire(image.State)}'");
        }
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var since = _started.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var (label, query) = _random.Next(5) switch
        {
            0 => ("list own", $"owner={Project}&limit=25"),
            1 => ("list active by name", $"owner={Project}&status=active&sort_key=name&sort_dir=asc"),
            2 => ("list by tag", $"owner={Project}&tag=t{_random.Next(4)}&limit=10"),
            3 => ("list shared with me", "visibility=shared&member_status=accepted&limit=20"),
            _ => ("list created since", $"created_at=gt:{since}&sort=created_at:desc&limit=10"),
        };
        var response = await _api.SendAsync(label, Project, HttpMethod.Get, "/v2/images?" + query, null, cancellationToken, 200);
        if (response.Status == 200 && query.StartsWith("owner=", StringComparison.Ordinal))
        {
            foreach (var listed in response.Json().GetProperty("images").EnumerateArray())
            {
                if (listed.GetProperty("owner").GetString() != Project)
                {
                    Failures.Add($"{label} for {Project} listed image {listed.GetProperty("id").GetString()} of {listed.GetProperty("owner").GetString()}");
                }
            }
        }
    }

    private async Task UploadFileAsync(TrackedImage image, CancellationToken cancellationToken)
    {
        var data = NewData();
        var response = await _api.SendAsync("upload PUT /file", Project, HttpMethod.Put, $"/v2/images/{image.Id}/file", LoadApi.Octets(data), cancellationToken, 204);
        if (response.Status != 204)
        {
            return;
        }
        Record(image, data);
        image.State = TrackedState.Active;
        // queued -> saving, then saving -> active.
        image.Expect("image.update", 2);
        image.Expect("image.prepare");
        image.Expect("image.upload");
        image.Expect("image.activate");
    }

    private async Task UploadThroughUrlAsync(TrackedImage image, CancellationToken cancellationToken)
    {
        var data = NewData();
        var declared = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["size"] = data.Length, ["checksum"] = Hex(MD5.HashData(data)), ["os_hash_algo"] = "sha512", ["os_hash_value"] = Hex(SHA512.HashData(data)),
        });
        var issued = await _api.SendAsync("upload-url", Project, HttpMethod.Post, $"/v2/images/{image.Id}/upload-url", LoadApi.Json(declared), cancellationToken, 201);
        if (issued.Status != 201)
        {
            return;
        }
        // queued -> uploading.
        image.Expect("image.update");
        image.State = TrackedState.Uploading;
        Record(image, data);
        var url = issued.Json();
        var put = new HttpRequestMessage(HttpMethod.Put, url.GetProperty("url").GetString()) { Content = LoadApi.Octets(data) };
        foreach (var header in url.GetProperty("headers").EnumerateObject())
        {
            put.Headers.Add(header.Name, header.Value.GetString());
        }
        var stored = await new LoadApi(_storage, _api.Metrics).SendRawAsync("storage: PUT to upload URL", put, cancellationToken, 201);
        if (stored.Status != 201)
        {
            image.Broken = $"image {image.Id}: storage refused the upload through its URL ({stored.Status})";
            Failures.Add(image.Broken);
        }
    }

    private async Task DownloadAsync(TrackedImage image, CancellationToken cancellationToken)
    {
        // Sometimes as a project it was shared with, which sees it once it accepted.
        var reader = image.Members.FirstOrDefault(m => m.Value == "accepted").Key is { } member && _random.Next(3) == 0 ? member : Project;
        var response = await _api.SendAsync("download GET /file", reader, HttpMethod.Get, $"/v2/images/{image.Id}/file", null, cancellationToken, 200);
        if (response.Status != 200)
        {
            return;
        }
        var sha512 = Hex(SHA512.HashData(response.Body));
        var md5 = Hex(MD5.HashData(response.Body));
        var contentMd5 = response.ContentHeaders?.TryGetValues("Content-MD5", out var values) == true ? values.FirstOrDefault() : null;
        if (sha512 != image.Sha512 || md5 != image.Md5 || contentMd5 != image.Md5)
        {
            Failures.Add($"image {image.Id} downloaded by {reader}: {response.Body.Length} bytes, sha512 {sha512[..16]}..., md5 {md5}, " +
                $"Content-MD5 {contentMd5}; uploaded {image.Size} bytes, sha512 {image.Sha512?[..16]}..., md5 {image.Md5}");
        }
    }

    private async Task ShareAsync(TrackedImage image, CancellationToken cancellationToken)
    {
        var candidates = _others.Where(p => !image.Members.ContainsKey(p)).ToList();
        if (candidates.Count == 0)
        {
            await ListAsync(cancellationToken);
            return;
        }
        var member = Pick(candidates);
        var added = await _api.SendAsync("member add", Project, HttpMethod.Post, $"/v2/images/{image.Id}/members",
            LoadApi.Json($$"""{"member":"{{member}}"}"""), cancellationToken, 200);
        if (added.Status != 200)
        {
            return;
        }
        image.Members[member] = "pending";
        image.Expect("image.member.create");
        var accepted = await _api.SendAsync("member accept", member, HttpMethod.Put, $"/v2/images/{image.Id}/members/{member}",
            LoadApi.Json("""{"status":"accepted"}"""), cancellationToken, 200);
        if (accepted.Status != 200)
        {
            return;
        }
        image.Members[member] = "accepted";
        image.Expect("image.member.update");
        await _api.SendAsync("show as member", member, HttpMethod.Get, $"/v2/images/{image.Id}", null, cancellationToken, 200);
    }

    private async Task DeleteAsync(TrackedImage image, CancellationToken cancellationToken)
    {
        var response = await _api.SendAsync("delete", Project, HttpMethod.Delete, $"/v2/images/{image.Id}", null, cancellationToken, 204);
        if (response.Status == 204)
        {
            image.State = TrackedState.Deleted;
            image.Expect("image.delete");
        }
    }

    /// <summary>Random raw content of 1 KiB up to the maximum, which no format inspector mistakes for a disk format.</summary>
    private byte[] NewData()
    {
        var data = new byte[_random.Next(1024, _settings.MaxImageBytes + 1)];
        _random.NextBytes(data);
        Preamble.CopyTo(data, 0);
        // No MBR boot signature at 510, so the GPT/MBR inspector never matches random bytes.
        data[510] = 0;
        return data;
    }

    private static void Record(TrackedImage image, byte[] data)
    {
        image.Size = data.Length;
        image.Md5 = Hex(MD5.HashData(data));
        image.Sha512 = Hex(SHA512.HashData(data));
    }

    public static string Wire(TrackedState state) => state switch
    {
        TrackedState.Queued => "queued",
        TrackedState.Uploading => "uploading",
        TrackedState.Active => "active",
        _ => "deleted",
    };

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
