namespace Glance.Benchmarks;

/// <summary>Bytes through read-like and write-like system calls (/proc/pid/io rchar, wchar).</summary>
internal readonly record struct IoCounters(long Read, long Written)
{
    public static IoCounters operator -(IoCounters after, IoCounters before) =>
        new(after.Read - before.Read, after.Written - before.Written);
}
