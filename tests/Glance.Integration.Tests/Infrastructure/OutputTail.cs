using System.Collections.Concurrent;
using System.Diagnostics;

namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// The last lines a child process printed, standard output and error together: what a failure message shows when the
/// process dies or never serves, and what a test waits on when the process announces something.
/// </summary>
internal sealed class OutputTail(int capacity)
{
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>Reads what <paramref name="process"/> prints from now on; it must redirect both streams.</summary>
    public void Follow(Process process)
    {
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Whether a kept line reads <paramref name="line"/>, ignoring the white space around it.</summary>
    public bool Contains(string line) => _lines.Any(kept => kept.Trim() == line);

    public void Clear() => _lines.Clear();

    public override string ToString() => string.Join(Environment.NewLine, _lines);

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _lines.Enqueue(line);
        while (_lines.Count > capacity && _lines.TryDequeue(out _))
        {
        }
    }
}
