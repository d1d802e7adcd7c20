using System.Buffers.Binary;
using System.Text;
using Glance.FormatInspection.Tests.Support;
using Glance.Testing;
using Xunit.Abstractions;

namespace Glance.FormatInspection.Tests;

/// <summary>
/// Time-bounded, seeded fuzzing of the inspector (see <see cref="FuzzRun"/> for the settings): real qemu-img images and
/// the hand-built samples, mutated where parsers look, spliced together, cut, or replaced by random bytes, fed in
/// random chunkings. The inspector's only way to refuse is its verdict (no single format, a failed safety check, a
/// refused match): it must never throw, never hang, give the same verdict however the bytes are chunked, and
/// allocate a bounded amount whatever the input.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    /// <summary>
    /// What one inspection may allocate: the captured regions (the largest is VHDX metadata, bounded by the
    /// inspector) and the result. Fuzzing measured up to about 1 MiB; the margin is for runtime differences.
    /// </summary>
    private const long MaxAllocatedBytes = 4 * 1024 * 1024;

    private static readonly string[] DeclaredFormats = ["raw", "qcow2", "vhd", "vhdx", "vmdk", "vdi", "iso", "ploop", "ami", "aki", "ari"];

    private static readonly DiskFormatMatchOptions Lenient = new()
    {
        RequireFormatMatch = false,
        NonFatalGptChecks = new HashSet<string>(StringComparer.Ordinal) { SafetyCheckNames.Mbr },
    };

    private static readonly Lazy<IReadOnlyList<(string Name, byte[] Bytes)>> Seeds = new(BuildSeeds);

    // Where the parsers read: headers, the ISO descriptor, the VHDX region table and metadata, and the tail.
    private static readonly long[] HotSpots = [0, 8, 24, 64, 72, 0x170, 446, 510, 512, 1024, 32 * 1024, (32 * 1024) + 1, 64 * 1024, 192 * 1024, 256 * 1024, 1024 * 1024];

    private static readonly (long Offset, byte[] Magic)[] Magics =
    [
        (0, [(byte)'Q', (byte)'F', (byte)'I', 0xFB]),
        (0, Encoding.ASCII.GetBytes("QED\0")),
        (0, Encoding.ASCII.GetBytes("conectix")),
        (0, Encoding.ASCII.GetBytes("vhdxfile")),
        (0, Encoding.ASCII.GetBytes("KDMV")),
        (0, Encoding.ASCII.GetBytes("# Disk DescriptorFile\ncreateType=\"monolithicSparse\"\nRW 1 SPARSE \"x\"\n")),
        (0, [(byte)'L', (byte)'U', (byte)'K', (byte)'S', 0xBA, 0xBE, 0, 1]),
        (0x40, [0x7F, 0x10, 0xDA, 0xBE]),
        ((32 * 1024) + 1, Encoding.ASCII.GetBytes("CD001")),
        ((32 * 1024) + 1, Encoding.ASCII.GetBytes("NSR02")),
        (510, [0x55, 0xAA]),
        (192 * 1024, Encoding.ASCII.GetBytes("regi")),
    ];

    [Fact]
    public void Fuzz_MutatedAndRandomImages_VerdictNeverThrowsHangsOrDependsOnChunking()
    {
        var seeds = Seeds.Value;
        var verdicts = new Dictionary<string, int>();
        long maxAllocated = 0;
        var inputs = FuzzRun.FromEnvironment("format inspector", output).Run(random =>
        {
            var input = NextInput(random, seeds, out var recipe);
            try
            {
                var (verdict, allocated) = CheckOne(input, random);
                verdicts[verdict] = verdicts.GetValueOrDefault(verdict) + 1;
                maxAllocated = Math.Max(maxAllocated, allocated);
            }
            catch (Exception e)
            {
                var saved = Path.Combine(Path.GetTempPath(), $"glance-fuzz-input-{Guid.NewGuid():N}.bin");
                File.WriteAllBytes(saved, input);
                throw new InvalidOperationException($"Input ({input.Length} bytes, {recipe}) saved to {saved}", e);
            }
        });

        // What the inputs reached, so a reader can see the mutations get past detection into the safety checks.
        output.WriteLine($"verdicts: {string.Join(", ", verdicts.OrderByDescending(v => v.Value).Select(v => $"{v.Key} {v.Value}"))}");
        output.WriteLine($"largest allocation of one inspection: {maxAllocated} bytes");
        Assert.True(inputs > 0);
    }

    [Fact]
    public void Inspect_512MiBStreamAfterEachSeedHeader_AllocatesNoMoreThanASmallImage()
    {
        var chunk = new byte[1024 * 1024];
        new Random(7).NextBytes(chunk);
        foreach (var (name, seed) in Seeds.Value)
        {
            var inspector = new ImageFormatInspector();
            var before = GC.GetAllocatedBytesForCurrentThread();
            inspector.Feed(seed);
            for (var i = 0; i < 512; i++)
            {
                // A different chunk each time, cheaply, so nothing can be deduplicated.
                chunk[i] ^= 0x5A;
                inspector.Feed(chunk);
            }
            var result = inspector.Finish();
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.True(allocated <= MaxAllocatedBytes, $"{name} + 512 MiB allocated {allocated} bytes");
            Assert.Equal(seed.Length + (512L * chunk.Length), result.BytesRead);
        }
    }

    private static (string Verdict, long Allocated) CheckOne(byte[] input, Random random)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var whole = Inspect.InChunks(input);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated <= MaxAllocatedBytes, $"one inspection allocated {allocated} bytes");

        Assert.True((whole.Format is null) == (whole.DetectionError is not null), Inspect.Describe(whole));
        Assert.Equal(input.Length, whole.BytesRead);
        Assert.True(whole.VirtualSize is null or >= 0, Inspect.Describe(whole));
        if (whole.Format == ImageFormat.Raw)
        {
            Assert.Equal(input.Length, whole.VirtualSize);
        }

        Assert.Equal(Inspect.Describe(whole), Inspect.Describe(InMixedChunks(input, random)));

        foreach (var declared in DeclaredFormats)
        {
            var strict = DiskFormatMatcher.Match(declared, whole);
            var lenient = DiskFormatMatcher.Match(declared, whole, Lenient);
            Assert.False(string.IsNullOrEmpty(strict.Reason));
            Assert.True(lenient.IsAccepted);
            Assert.True(!strict.IsAccepted || strict.VirtualSize is null or >= 0);
        }
        var verdict = whole.Format is { } format
            ? format.ToDiskFormat() + (whole.FailedSafetyChecks.Any() ? " (failed checks)" : "")
            : "ambiguous";
        return (verdict, allocated);
    }

    /// <summary>
    /// Chunks of random sizes, half of them tiny (0 to a few bytes, so boundaries fall inside every field) and half
    /// large (so a multi-MiB input costs a few hundred calls, not millions).
    /// </summary>
    private static InspectionResult InMixedChunks(byte[] input, Random random)
    {
        int[] tiny = [1, 2, 8, 520];
        var tinyMax = tiny[random.Next(tiny.Length)];
        var inspector = new ImageFormatInspector();
        for (var offset = 0; offset < input.Length;)
        {
            var size = Math.Min(random.Next(2) == 0 ? random.Next(0, tinyMax + 1) : random.Next(1, 256 * 1024), input.Length - offset);
            inspector.Feed(input.AsSpan(offset, size));
            offset += size;
        }
        return inspector.Finish();
    }

    private static byte[] NextInput(Random random, IReadOnlyList<(string Name, byte[] Bytes)> seeds, out string recipe)
    {
        if (random.Next(10) == 0)
        {
            var noise = new byte[random.Next(3) == 0 ? random.Next(0, 300_000) : random.Next(0, 2048)];
            random.NextBytes(noise);
            recipe = "random bytes";
            return noise;
        }
        var (name, bytes) = seeds[random.Next(seeds.Count)];
        var data = new List<byte>(bytes);
        var steps = new List<string> { name };
        for (var count = random.Next(1, 9); count > 0; count--)
        {
            steps.Add(Mutate(data, random, seeds));
        }
        recipe = string.Join(" > ", steps);
        return [.. data];
    }

    private static string Mutate(List<byte> data, Random random, IReadOnlyList<(string Name, byte[] Bytes)> seeds)
    {
        switch (random.Next(9))
        {
            case 0:
                for (var flips = random.Next(1, 17); flips > 0 && data.Count > 0; flips--)
                {
                    var index = random.Next(data.Count);
                    data[index] ^= (byte)(1 << random.Next(8));
                }
                return "flip bits";
            case 1:
            {
                var at = Near(random, data.Count);
                for (var i = 0; i < random.Next(1, 32) && at + i < data.Count; i++)
                {
                    data[at + i] = (byte)random.Next(256);
                }
                return $"scribble at {at}";
            }
            case 2:
            {
                var at = Near(random, data.Count) & ~7;
                Span<byte> field = stackalloc byte[8];
                ulong[] interesting = [0, 1, 0x7F, 0x80, 0xFF, 0x1FF, 0x200, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, ulong.MaxValue];
                var value = random.Next(4) == 0 ? (ulong)random.NextInt64() : interesting[random.Next(interesting.Length)];
                if (random.Next(2) == 0)
                {
                    BinaryPrimitives.WriteUInt64BigEndian(field, value);
                }
                else
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(field, value);
                }
                var width = new[] { 1, 2, 4, 8 }[random.Next(4)];
                for (var i = 0; i < width && at + i < data.Count; i++)
                {
                    data[at + i] = field[random.Next(2) == 0 ? i : 8 - width + i];
                }
                return $"field {width} at {at} = {value:x}";
            }
            case 3:
            {
                var length = Math.Min(data.Count, Near(random, data.Count + 1));
                data.RemoveRange(length, data.Count - length);
                return $"cut at {length}";
            }
            case 4:
            {
                var extra = new byte[random.Next(1, 70_000)];
                if (random.Next(2) == 0)
                {
                    random.NextBytes(extra);
                }
                data.InsertRange(random.Next(2) == 0 ? data.Count : Near(random, data.Count), extra);
                return $"insert {extra.Length}";
            }
            case 5:
            {
                var at = Near(random, data.Count);
                var length = Math.Min(random.Next(1, 4096), data.Count - at);
                data.RemoveRange(at, Math.Max(0, length));
                return $"delete {length} at {at}";
            }
            case 6:
            {
                var (other, otherBytes) = seeds[random.Next(seeds.Count)];
                var from = Near(random, otherBytes.Length);
                var length = Math.Min(random.Next(1, 64 * 1024), otherBytes.Length - from);
                var at = Near(random, data.Count);
                Overwrite(data, at, otherBytes.AsSpan(from, Math.Max(0, length)));
                return $"splice {other}[{from}+{length}] at {at}";
            }
            case 7:
            {
                var (offset, magic) = Magics[random.Next(Magics.Length)];
                var at = random.Next(4) == 0 ? Math.Max(0, data.Count - 512) : offset;
                Overwrite(data, (int)Math.Min(at, int.MaxValue), magic);
                return $"magic {Encoding.ASCII.GetString(magic[..Math.Min(4, magic.Length)])} at {at}";
            }
            default:
            {
                var at = Near(random, data.Count);
                var length = Math.Min(random.Next(1, 8192), data.Count - at);
                var copy = data.GetRange(at, Math.Max(0, length));
                data.InsertRange(Math.Min(data.Count, at + length), copy);
                return $"repeat {length} at {at}";
            }
        }
    }

    /// <summary>An offset near a hot spot, or anywhere, inside [0, limit).</summary>
    private static int Near(Random random, int limit)
    {
        if (limit <= 0)
        {
            return 0;
        }
        var spot = random.Next(3) == 0 ? random.Next(limit) : HotSpots[random.Next(HotSpots.Length)] + random.Next(-16, 600);
        return (int)Math.Clamp(spot, 0, limit - 1);
    }

    private static void Overwrite(List<byte> data, int at, ReadOnlySpan<byte> bytes)
    {
        while (data.Count < at + bytes.Length)
        {
            data.Add(0);
        }
        for (var i = 0; i < bytes.Length; i++)
        {
            data[at + i] = bytes[i];
        }
    }

    /// <summary>
    /// The shortest prefix (in MiB) the inspector reads exactly as the whole file: qemu's 1 MiB VHDX is 8 MiB of mostly
    /// log and padding, and mutating megabytes nobody parses would only slow the loop down.
    /// </summary>
    private static byte[] Shortest(byte[] image)
    {
        static string Verdict(InspectionResult r) =>
            $"{r.Format} {(r.Format == ImageFormat.Raw ? "" : r.VirtualSize)} {string.Join(';', r.SafetyChecks.Select(c => $"{c.Name}:{c.Passed}"))}";
        var whole = Verdict(Inspect.InChunks(image));
        for (var mib = 1; mib * 1024 * 1024 < image.Length; mib++)
        {
            var prefix = image[..(mib * 1024 * 1024)];
            if (Verdict(Inspect.InChunks(prefix)) == whole)
            {
                return prefix;
            }
        }
        return image;
    }

    /// <summary>The hand-built samples and real qemu-img images (qemu-utils is required, as for QemuImgImageTests).</summary>
    private static IReadOnlyList<(string Name, byte[] Bytes)> BuildSeeds()
    {
        var seeds = SampleImages.Names.Select(name => (name, SampleImages.Get(name))).ToList();
        using var directory = new TemporaryDirectory();
        var raw = directory.File("data.raw");
        File.WriteAllBytes(raw, Enumerable.Range(0, 256 * 1024).Select(i => (byte)(i * 7 % 251)).ToArray());
        var made = new (string Name, string[] Arguments)[]
        {
            ("qemu qcow2", ["create", "-q", "-f", "qcow2", "{0}", "1M"]),
            ("qemu qcow2 with data", ["convert", "-f", "raw", "-O", "qcow2", raw, "{0}"]),
            ("qemu qcow2 backing file", ["create", "-q", "-f", "qcow2", "-b", raw, "-F", "raw", "{0}"]),
            ("qemu qcow2 data file", ["create", "-q", "-f", "qcow2", "-o", "data_file=" + directory.File("external.raw"), "{0}", "1M"]),
            ("qemu vhdx", ["create", "-q", "-f", "vhdx", "{0}", "1M"]),
            ("qemu vpc", ["create", "-q", "-f", "vpc", "{0}", "1M"]),
            ("qemu vpc fixed", ["create", "-q", "-f", "vpc", "-o", "subformat=fixed", "{0}", "1M"]),
            ("qemu vdi", ["create", "-q", "-f", "vdi", "{0}", "1M"]),
            ("qemu vmdk sparse", ["create", "-q", "-f", "vmdk", "{0}", "1M"]),
            ("qemu vmdk stream", ["convert", "-f", "raw", "-O", "vmdk", "-o", "subformat=streamOptimized", raw, "{0}"]),
            ("qemu qed", ["create", "-q", "-f", "qed", "{0}", "1M"]),
        };
        foreach (var (name, arguments) in made)
        {
            var path = directory.File(name.Replace(' ', '-'));
            QemuImg.Run(arguments.Select(a => string.Format(System.Globalization.CultureInfo.InvariantCulture, a, path)).ToArray());
            seeds.Add((name, Shortest(File.ReadAllBytes(path))));
        }
        return seeds;
    }
}
