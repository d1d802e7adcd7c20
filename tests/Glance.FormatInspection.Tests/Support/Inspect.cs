namespace Glance.FormatInspection.Tests.Support;

/// <summary>Runs images through <see cref="ImageFormatInspector"/> the way an upload would.</summary>
internal static class Inspect
{
    public const int WholeImage = int.MaxValue;

    public static InspectionResult InChunks(byte[] image, int chunkSize = WholeImage)
    {
        var inspector = new ImageFormatInspector();
        for (var offset = 0; offset < image.Length; offset += chunkSize)
        {
            inspector.Feed(image.AsSpan(offset, Math.Min(chunkSize, image.Length - offset)));
        }

        return inspector.Finish();
    }

    /// <summary>Feeds chunks of seeded random sizes, including empty ones.</summary>
    public static InspectionResult InRandomChunks(byte[] image, Random random, int maxChunk = 5000)
    {
        var inspector = new ImageFormatInspector();
        var offset = 0;
        while (offset < image.Length)
        {
            var size = Math.Min(random.Next(0, maxChunk), image.Length - offset);
            inspector.Feed(image.AsSpan(offset, size));
            offset += size;
        }

        return inspector.Finish();
    }

    public static InspectionResult File(string path)
    {
        using var stream = System.IO.File.OpenRead(path);
        return ImageFormatInspector.InspectAsync(stream).GetAwaiter().GetResult();
    }

    /// <summary>Inspects with several chunkings, asserts they agree, and returns the result.</summary>
    public static InspectionResult Consistently(byte[] image)
    {
        var whole = InChunks(image);
        foreach (var chunkSize in new[] { 7, 4096 })
        {
            Assert.Equal(Describe(whole), Describe(InChunks(image, chunkSize)));
        }

        return whole;
    }

    /// <summary>Everything a result says, as one comparable string.</summary>
    public static string Describe(InspectionResult result) =>
        $"format={result.Format?.ToString() ?? "none"} size={result.VirtualSize?.ToString() ?? "unknown"} " +
        $"read={result.BytesRead} matched=[{string.Join(',', result.MatchedFormats)}] " +
        $"checks=[{string.Join(';', result.SafetyChecks.Select(c => $"{c.Name}:{c.Passed}:{c.Reason}"))}] " +
        $"error={result.DetectionError}";

    public static SafetyCheckResult Check(InspectionResult result, string name) =>
        Assert.Single(result.SafetyChecks, check => check.Name == name);
}
