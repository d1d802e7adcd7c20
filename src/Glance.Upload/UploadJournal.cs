using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Glance.Upload;

/// <summary>
/// What a run has done for one file and endpoint, kept on disk so the next run can resume: the image, the block size
/// and the blocks storage confirmed. Needed because an upload URL may create and write but not read, so the blob's
/// uncommitted block list (Get Block List needs read) cannot be asked for; staged blocks stay on the blob for a
/// week. Saved after every block through a temporary file and a rename, so a killed run leaves a whole journal.
/// </summary>
internal sealed class UploadJournal
{
    private readonly Lock _lock = new();
    private readonly string _path;
    private readonly State _state;
    private readonly SortedSet<int> _staged;

    private UploadJournal(string path, State state)
    {
        _path = path;
        _state = state;
        _staged = [.. ParseRanges(state.Staged)];
    }

    public string Path => _path;
    public string ImageId => _state.ImageId;
    public int BlockSize => _state.BlockSize;
    public bool Committed => _state.Committed;

    public int StagedCount
    {
        get
        {
            lock (_lock)
            {
                return _staged.Count;
            }
        }
    }

    public bool IsStaged(int block)
    {
        lock (_lock)
        {
            return _staged.Contains(block);
        }
    }

    /// <summary>The journal of an earlier run for this file and endpoint, if the file has not changed since; else null.</summary>
    public static UploadJournal? Find(string stateDirectory, Uri endpoint, FileInfo file)
    {
        var path = PathFor(stateDirectory, endpoint, file.FullName);
        try
        {
            var state = JsonSerializer.Deserialize<State>(File.ReadAllText(path));
            return state is not null && state.FileSize == file.Length && state.FileModified == file.LastWriteTimeUtc.Ticks
                ? new UploadJournal(path, state)
                : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            return null; // No journal, or one we cannot use: upload every block.
        }
    }

    /// <summary>A new journal for uploading <paramref name="file"/> to <paramref name="imageId"/>, replacing any older one.</summary>
    public static UploadJournal Start(string stateDirectory, Uri endpoint, FileInfo file, string imageId, int blockSize)
    {
        Directory.CreateDirectory(stateDirectory);
        var journal = new UploadJournal(PathFor(stateDirectory, endpoint, file.FullName),
            new State(endpoint.ToString(), file.FullName, file.Length, file.LastWriteTimeUtc.Ticks, imageId, blockSize, "", false));
        journal.Save();
        return journal;
    }

    public void MarkStaged(int block)
    {
        lock (_lock)
        {
            _staged.Add(block);
            Save();
        }
    }

    /// <summary>Forgets the staged blocks: storage no longer has them (they expired, or the blob was replaced).</summary>
    public void ClearStaged()
    {
        lock (_lock)
        {
            _staged.Clear();
            Save();
        }
    }

    /// <summary>The block list is committed: from now on the next run only waits for the validation's verdict.</summary>
    public void MarkCommitted()
    {
        lock (_lock)
        {
            _state.Committed = true;
            Save();
        }
    }

    public void Delete() => File.Delete(_path);

    private void Save()
    {
        _state.Staged = FormatRanges(_staged);
        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(_state));
        File.Move(temporary, _path, overwrite: true);
    }

    private static string PathFor(string stateDirectory, Uri endpoint, string file)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{endpoint}\n{file}")))[..32];
        return System.IO.Path.Combine(stateDirectory, key + ".json");
    }

    // "0-41,43,45-50": short while blocks finish roughly in order, which they do.
    private static string FormatRanges(SortedSet<int> blocks)
    {
        var text = new StringBuilder();
        int? start = null, end = null;
        foreach (var block in blocks.Append(int.MinValue))
        {
            if (end is { } last && block == last + 1)
            {
                end = block;
                continue;
            }
            if (start is { } first)
            {
                text.Append(text.Length > 0 ? "," : "").Append(first == end ? $"{first}" : $"{first}-{end}");
            }
            (start, end) = (block, block);
        }
        return text.ToString();
    }

    private static IEnumerable<int> ParseRanges(string text)
    {
        foreach (var range in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = range.Split('-');
            var first = int.Parse(bounds[0], CultureInfo.InvariantCulture);
            var last = bounds.Length > 1 ? int.Parse(bounds[1], CultureInfo.InvariantCulture) : first;
            for (var block = first; block <= last; block++)
            {
                yield return block;
            }
        }
    }

    private sealed class State(string endpoint, string file, long fileSize, long fileModified, string imageId, int blockSize, string staged, bool committed)
    {
        public string Endpoint { get; init; } = endpoint;
        public string File { get; init; } = file;
        public long FileSize { get; init; } = fileSize;
        public long FileModified { get; init; } = fileModified;
        public string ImageId { get; init; } = imageId;
        public int BlockSize { get; init; } = blockSize;
        public string Staged { get; set; } = staged;
        public bool Committed { get; set; } = committed;
    }
}
