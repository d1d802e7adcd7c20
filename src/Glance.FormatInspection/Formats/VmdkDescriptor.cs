using System.Text;

namespace Glance.FormatInspection.Formats;

/// <summary>
/// The text descriptor of a VMDK, parsed cautiously: every line must be something we understand. Like oslo.utils,
/// the text is treated as case-insensitive ASCII and ends at the first NUL (the embedded one is NUL-padded).
/// </summary>
internal sealed class VmdkDescriptor
{
    private const string CreateTypeKey = "createtype=\"";
    private const int MaxCreateTypeLength = 64;

    private static readonly string[] AllowedCreateTypes = ["monolithicsparse", "streamoptimized"];
    private static readonly string[] ExtentAccessModes = ["rw", "rdonly", "noaccess"];

    private readonly string? text;

    private VmdkDescriptor(string? text)
    {
        this.text = text;
        CreateType = text is null ? null : ReadCreateType(text);
    }

    /// <summary>The lower-cased createType, or null when it is missing or implausibly long.</summary>
    public string? CreateType { get; }

    public bool HasAllowedCreateType => CreateType is not null && AllowedCreateTypes.Contains(CreateType);

    public static VmdkDescriptor Parse(ReadOnlySpan<byte> data)
    {
        var end = data.IndexOf((byte)0);
        var content = end >= 0 ? data[..end] : data;
        return new VmdkDescriptor(Ascii.IsValid(content) ? Encoding.ASCII.GetString(content).ToLowerInvariant() : null);
    }

    public string? FindProblem()
    {
        if (text is null)
        {
            return "VMDK descriptor is not ASCII text";
        }

        if (!HasAllowedCreateType)
        {
            return CreateType is null
                ? "VMDK descriptor has no createType"
                : $"VMDK createType '{Printable(CreateType)}' is not allowed (only monolithicSparse and streamOptimized)";
        }

        var extents = 0;
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("ddb", StringComparison.Ordinal))
            {
                continue;
            }

            if (IsField(line, out var key))
            {
                // qemu opens parentFileNameHint as a backing file: the VMDK twin of qcow2's backing_file.
                if (key == "parentfilenamehint")
                {
                    return "VMDK descriptor names a parent file (parentFileNameHint)";
                }

                continue;
            }

            if (!IsExtent(line))
            {
                return $"VMDK descriptor line {lineNumber} is not a comment, ddb entry, field or extent";
            }

            // A path in an extent is how a descriptor reaches files outside the image (CVE-2022-47951).
            if (line.Contains('/'))
            {
                return $"VMDK extent on descriptor line {lineNumber} names a path";
            }

            extents++;
        }

        return extents == 0 ? "VMDK descriptor has no extents" : null;
    }

    private static string? ReadCreateType(string text)
    {
        var start = text.IndexOf(CreateTypeKey, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += CreateTypeKey.Length;
        var end = text.IndexOf('"', start);
        return end >= 0 && end - start < MaxCreateTypeLength ? text[start..end] : null;
    }

    private static bool IsField(string line, out string key)
    {
        var equals = line.IndexOf('=');
        key = equals > 0 ? line[..equals] : string.Empty;
        return equals >= 0 && !key.Contains(' ');
    }

    private static bool IsExtent(string line)
    {
        var space = line.IndexOf(' ');
        var mode = space >= 0 ? line[..space] : line;
        return ExtentAccessModes.Contains(mode);
    }

    // The value ends up in an HTTP error message.
    private static string Printable(string value) =>
        string.Concat(value.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '?'));
}
