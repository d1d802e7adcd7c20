using Glance.FormatInspection.Tests.Support;

namespace Glance.FormatInspection.Tests;

/// <summary>Hostile or broken input must give a verdict (raw, a format, a failed check), never an exception.</summary>
public sealed class RobustnessTests
{
    private const int Seed = 20240627;

    [Fact]
    public void Inspect_SeededRandomBytes_NeverThrows()
    {
        // Arrange
        var random = new Random(Seed);
        var corpus = Enumerable.Range(0, 300)
            .Select(_ => RandomBytes(random, random.Next(0, 3) == 0 ? random.Next(0, 40_000) : random.Next(0, 1200)))
            .ToList();

        // Act
        var results = corpus.Select(bytes => Inspect.InRandomChunks(bytes, random)).ToList();

        // Assert
        Assert.All(results, result => Assert.True(result.Format is not null || result.DetectionError is not null));
    }

    [Fact]
    public void Inspect_SeededMutationsOfEveryFormat_NeverThrowAndIgnoreChunking()
    {
        // Arrange
        var random = new Random(Seed);
        var corpus = SampleImages.Names
            .SelectMany(name => Enumerable.Range(0, 25).Select(_ => Mutate(SampleImages.Get(name), random)))
            .ToList();

        // Act
        var outcomes = corpus
            .Select(bytes => (Whole: Inspect.InChunks(bytes), Random: Inspect.InRandomChunks(bytes, random)))
            .ToList();

        // Assert
        Assert.All(outcomes, outcome => Assert.Equal(Inspect.Describe(outcome.Whole), Inspect.Describe(outcome.Random)));
    }

    public static TheoryData<string> Images => SampleImages.NamesData;

    [Theory]
    [MemberData(nameof(Images))]
    public void Inspect_EveryTruncation_NeverThrows(string imageName)
    {
        // Arrange
        var image = SampleImages.Get(imageName);
        int[] lengths = [0, 1, 3, 4, 7, 8, 63, 64, 72, 80, 104, 511, 512, 513, 592, 1023, 1024, 2047, 2048, 4095,
            32 * 1024, (34 * 1024) - 1, 192 * 1024, (192 * 1024) + 20, image.Length - 1536, image.Length - 1];

        // Act
        var results = lengths.Where(length => length >= 0 && length <= image.Length)
            .Select(length => Inspect.InChunks(image[..length], 4096))
            .ToList();

        // Assert
        Assert.All(results, result => Assert.True(result.Format is not null || result.DetectionError is not null));
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    // Flip bytes where the parsers look (headers, the VHDX region table, the tail) and cut the stream short.
    private static byte[] Mutate(byte[] image, Random random)
    {
        var copy = (byte[])image.Clone();
        int[] hotSpots = [0, 448, 512, 32 * 1024, 192 * 1024, 256 * 1024, copy.Length - 1536];
        for (var flips = random.Next(1, 12); flips > 0; flips--)
        {
            var spot = hotSpots[random.Next(hotSpots.Length)];
            var index = Math.Clamp(spot + random.Next(0, 600), 0, Math.Max(0, copy.Length - 1));
            if (copy.Length > 0)
            {
                copy[index] = (byte)random.Next(256);
            }
        }

        return random.Next(4) == 0 ? copy[..random.Next(copy.Length + 1)] : copy;
    }
}
