using System.Globalization;

namespace Glance.Benchmarks;

/// <summary>What Linux's /proc tells about another process: resident memory and its peak, CPU time, bytes read and written.</summary>
internal static class ProcFs
{
    /// <summary>VmRSS and VmHWM of /proc/pid/status, in bytes.</summary>
    public static (long Rss, long Peak) ReadMemory(int pid)
    {
        long rss = -1, peak = -1;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) * 1024;
            }
        }
        return rss < 0 || peak < 0 ? throw new InvalidOperationException($"/proc/{pid}/status has no VmRSS/VmHWM.") : (rss, peak);
    }

    /// <summary>
    /// Resets VmHWM to the current RSS (clear_refs "5", Linux 4.0+), so the peak of one operation can be read
    /// exactly; false where the kernel refuses.
    /// </summary>
    public static bool TryResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// rchar and wchar of /proc/pid/io: bytes passed to read()/write()-family system calls (files, pipes, and
    /// sockets used that way; not send/recv/sendmsg/recvmsg, which is how .NET uses its sockets).
    /// </summary>
    public static IoCounters ReadIo(int pid)
    {
        long read = -1, written = -1;
        foreach (var line in File.ReadLines($"/proc/{pid}/io"))
        {
            if (line.StartsWith("rchar:", StringComparison.Ordinal))
            {
                read = long.Parse(line.AsSpan(6).Trim(), CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("wchar:", StringComparison.Ordinal))
            {
                written = long.Parse(line.AsSpan(6).Trim(), CultureInfo.InvariantCulture);
            }
        }
        return read < 0 || written < 0 ? throw new InvalidOperationException($"/proc/{pid}/io has no rchar/wchar.") : new IoCounters(read, written);
    }

    /// <summary>CPU time the process has used so far, ended threads included (utime + stime of /proc/pid/stat).</summary>
    public static TimeSpan ReadCpu(int pid) => CpuOfStat(File.ReadAllText($"/proc/{pid}/stat"));

    /// <summary>
    /// CPU time of each live thread whose name starts with one of <paramref name="namePrefixes"/>, by thread id
    /// (.NET names its own: ".NET Tiered Com" is the JIT's background compiler, ".NET Server GC" and ".NET BGC"
    /// the garbage collector's).
    /// </summary>
    public static ThreadCpu ReadThreadCpu(int pid, params string[] namePrefixes)
    {
        var threads = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                if (namePrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    threads[Path.GetFileName(task)] = CpuOfStat(stat);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The thread ended meanwhile.
            }
        }
        return new ThreadCpu(threads);
    }

    /// <summary>
    /// Time the process's live threads have spent runnable but waiting for a CPU (the scheduler's
    /// /proc/pid/task/tid/schedstat). Much waiting means the cores were busy with other work: the machine, not
    /// the code, set the pace. A lower bound: threads that ended take their share with them.
    /// </summary>
    public static TimeSpan ReadWaiting(int pid)
    {
        long waiting = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            string[] fields;
            try
            {
                fields = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // The thread ended meanwhile.
            }
            waiting += long.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        return TimeSpan.FromTicks(waiting / 100);
    }

    /// <summary>The 1-minute load average, to show how busy the machine was.</summary>
    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static TimeSpan CpuOfStat(string stat)
    {
        // The fields after the command name (in parentheses, may contain spaces) start with field 3; utime and
        // stime are fields 14 and 15, in clock ticks (USER_HZ, 100 on Linux).
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
}
