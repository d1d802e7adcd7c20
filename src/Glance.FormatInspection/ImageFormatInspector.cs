using System.Buffers;
using Glance.FormatInspection.Formats;

namespace Glance.FormatInspection;

/// <summary>
/// Detects an image's disk format in a single pass, as Glance's <c>InspectWrapper</c> does: the caller feeds every
/// chunk of the image, in order and exactly once (typically while hashing and storing the same chunks), then calls
/// <see cref="Finish"/>. Every format's inspector sees the same chunks and keeps only the bounded regions it needs,
/// so memory stays small whatever the image size and however the bytes are chunked. Not thread-safe.
/// </summary>
public sealed class ImageFormatInspector
{
    private const int StreamBufferSize = 81920;

    private readonly FormatInspector[] inspectors =
    [
        new Qcow2Inspector(),
        new QedInspector(),
        new VhdInspector(),
        new VhdxInspector(),
        new VmdkInspector(),
        new VdiInspector(),
        new IsoInspector(),
        new GptInspector(),
        new LuksInspector(),
    ];

    private InspectionResult? result;

    public long BytesRead { get; private set; }

    /// <summary>Feeds the next chunk of the image; chunks may have any size, including zero.</summary>
    /// <exception cref="InvalidOperationException">When <see cref="Finish"/> has already been called.</exception>
    public void Feed(ReadOnlySpan<byte> chunk)
    {
        if (result is not null)
        {
            throw new InvalidOperationException("The inspection is finished; feed every chunk before calling Finish.");
        }

        foreach (var inspector in inspectors)
        {
            inspector.Feed(chunk, BytesRead);
        }

        BytesRead += chunk.Length;
    }

    /// <summary>Ends the stream and decides the format; later calls return the same result.</summary>
    public InspectionResult Finish() => result ??= Decide();

    /// <summary>Reads <paramref name="stream"/> to its end through a new inspector, for content already at rest.</summary>
    public static async Task<InspectionResult> InspectAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var inspector = new ImageFormatInspector();
        var buffer = ArrayPool<byte>.Shared.Rent(StreamBufferSize);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, StreamBufferSize), cancellationToken)) > 0)
            {
                inspector.Feed(buffer.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return inspector.Finish();
    }

    private InspectionResult Decide()
    {
        foreach (var inspector in inspectors)
        {
            inspector.Finish(BytesRead);
        }

        var matches = inspectors.Where(inspector => inspector.IsMatch).ToArray();
        var matchedFormats = matches.Select(inspector => inspector.Format).ToArray();
        return matches switch
        {
            [] => new InspectionResult
            {
                Format = ImageFormat.Raw,
                MatchedFormats = [],
                VirtualSize = BytesRead,
                BytesRead = BytesRead,
                SafetyChecks = [],
            },
            [var only] => Detected(only, matchedFormats),
            // A bootable ISO legitimately carries an MBR too; Glance treats that pair as ISO.
            [_, _] when matchedFormats.Contains(ImageFormat.Iso) && matchedFormats.Contains(ImageFormat.Gpt) =>
                Detected(matches.Single(inspector => inspector.Format == ImageFormat.Iso), matchedFormats),
            // Two headers in one image may be an attempt to show the inspector one format and qemu another.
            _ => new InspectionResult
            {
                Format = null,
                MatchedFormats = matchedFormats,
                VirtualSize = null,
                BytesRead = BytesRead,
                SafetyChecks = [],
                DetectionError = "Image content matches more than one format: "
                    + string.Join(", ", matchedFormats.Select(format => format.ToDiskFormat())),
            },
        };
    }

    private InspectionResult Detected(FormatInspector inspector, ImageFormat[] matchedFormats) => new()
    {
        Format = inspector.Format,
        MatchedFormats = matchedFormats,
        VirtualSize = inspector.VirtualSize,
        BytesRead = BytesRead,
        SafetyChecks = inspector.RunSafetyChecks(),
    };
}
