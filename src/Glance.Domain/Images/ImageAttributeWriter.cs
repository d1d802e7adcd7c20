using System.Text.RegularExpressions;
using Glance.Domain.Errors;

namespace Glance.Domain.Images;

/// <summary>
/// Validates one property value against Glance's image schema and writes it to the image. Create and
/// PATCH both go through here, so a value is judged the same way on either path.
/// </summary>
public static partial class ImageAttributeWriter
{
    /// <summary>403 for read-only and reserved keys, 400 for over-long keys; the same check on create and PATCH.</summary>
    public static void EnsureWritableKey(string key, bool creating = false)
    {
        if (ImageProperties.ReadOnly.Contains(key))
        {
            throw GlanceErrors.AttributeReadOnly(key);
        }
        if (ImageProperties.IsReserved(key))
        {
            throw GlanceErrors.AttributeReserved(key, creating);
        }
        if (key.Length > ImageProperties.MaxKeyLength)
        {
            throw GlanceErrors.PropertyNameTooLong();
        }
        if (key.Length == 0)
        {
            throw GlanceErrors.SchemaEmptyPropertyName();
        }
    }

    /// <summary>Sets a writable base property or an extra property from a client's value.</summary>
    public static void Write(Image image, string key, AttributeValue value)
    {
        switch (key)
        {
            case "name":
                image.Rename(EnsureNoFourByteCharacters(key, NullableString(key, value, ImageProperties.MaxStringLength)));
                break;
            case "visibility":
                var visibility = NullableString(key, value, null);
                if (!ImageVisibility.IsValid(visibility))
                {
                    throw GlanceErrors.SchemaNotOneOf($"'{visibility ?? "None"}'", "'community', 'public', 'private', 'shared'");
                }
                image.ChangeVisibility(visibility!);
                break;
            case "protected":
                image.ChangeProtection(Boolean(key, value));
                break;
            case "os_hidden":
                image.ChangeHidden(Boolean(key, value));
                break;
            case "min_disk":
                image.RequireMinimumDisk(NonNegativeInteger(key, value));
                break;
            case "min_ram":
                image.RequireMinimumRam(NonNegativeInteger(key, value));
                break;
            case "disk_format":
                image.ChangeDiskFormat(Enumerated(key, value, ImageFormats.DiskFormats));
                break;
            case "container_format":
                image.ChangeContainerFormat(Enumerated(key, value, ImageFormats.ContainerFormats));
                break;
            case "owner":
                image.TransferTo(EnsureNoFourByteCharacters(key, NullableString(key, value, ImageProperties.MaxStringLength)));
                break;
            case "tags":
                image.ReplaceTags(Tags(value));
                break;
            default:
                if (HasFourByteCharacters(key))
                {
                    throw GlanceErrors.PropertyNameWithFourByteCharacters();
                }
                var extra = EnsureNoFourByteCharacters(key, ExtraValue(key, value))!;
                ImageFamilies.EnsureValid(key, extra);
                image.SetProperty(key, extra);
                break;
        }
    }

    public static IReadOnlyList<string> Tags(AttributeValue value)
    {
        if (value.Kind != AttributeValueKind.Array)
        {
            throw GlanceErrors.SchemaNotOfType(Describe(value), "'array'");
        }
        var tags = new List<string>();
        foreach (var item in value.Items)
        {
            var tag = Tag(item);
            if (!tags.Contains(tag, StringComparer.Ordinal))
            {
                tags.Add(tag);
            }
        }
        return tags;
    }

    public static string Tag(AttributeValue item)
    {
        if (item.Kind != AttributeValueKind.String)
        {
            throw GlanceErrors.SchemaNotOfType(Describe(item), "'string'");
        }
        var tag = item.Text!;
        EnsureTagValid(tag);
        return tag;
    }

    public static void EnsureTagValid(string tag)
    {
        if (tag.Length > ImageProperties.MaxStringLength)
        {
            throw GlanceErrors.SchemaTooLong(tag);
        }
        if (HasFourByteCharacters(tag))
        {
            throw GlanceErrors.ParamValueWithFourByteCharacters();
        }
    }

    /// <summary>
    /// Glance refuses characters outside the Basic Multilingual Plane (4 bytes in UTF-8) in names, owners, extra
    /// property keys and values, tags and member ids (glance/common/utils.py no_4byte_params, on every database
    /// write, because MySQL's utf8 cannot store them). We store them fine but refuse them the same way, so a client
    /// sees one behaviour, and so lengths counted in UTF-16 units equal Glance's counts in code points.
    /// </summary>
    public static bool HasFourByteCharacters(string text) => text.Any(char.IsSurrogate);

    private static string? EnsureNoFourByteCharacters(string key, string? value) =>
        value is not null && HasFourByteCharacters(value)
            ? throw GlanceErrors.ValueWithFourByteCharacters(PythonTitle(key))
            : value;

    /// <summary>Python's str.title(), which Glance applies to the property name in that message ("os_distro" -> "Os_Distro").</summary>
    public static string PythonTitle(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        var previousIsLetter = false;
        foreach (var c in text)
        {
            builder.Append(previousIsLetter ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c));
            previousIsLetter = char.IsLetter(c);
        }
        return builder.ToString();
    }

    public static bool IsValidImageId(string? id) => id is not null && UuidPattern().IsMatch(id);

    public static string ImageId(AttributeValue value)
    {
        var id = value.Text;
        if (!IsValidImageId(id))
        {
            throw GlanceErrors.SchemaPatternMismatch(Describe(value), UuidPatternText);
        }
        return ImageIds.Canonical(id!);
    }

    private static string ExtraValue(string key, AttributeValue value)
    {
        if (value.Kind != AttributeValueKind.String)
        {
            throw GlanceErrors.SchemaNotOfType(Describe(value), "'string'");
        }
        return value.Text!;
    }

    private static string? NullableString(string key, AttributeValue value, int? maxLength)
    {
        if (value.Kind == AttributeValueKind.Null)
        {
            return null;
        }
        if (value.Kind != AttributeValueKind.String)
        {
            throw GlanceErrors.SchemaNotOfType(Describe(value), "'null', 'string'");
        }
        var text = value.Text!;
        if (maxLength is { } max && text.Length > max)
        {
            throw GlanceErrors.SchemaTooLong(text);
        }
        return text;
    }

    private static bool Boolean(string key, AttributeValue value) =>
        value.Kind == AttributeValueKind.Boolean ? value.Boolean : throw GlanceErrors.SchemaNotOfType(Describe(value), "'boolean'");

    private static int NonNegativeInteger(string key, AttributeValue value)
    {
        if (value.Integer is not { } number)
        {
            throw GlanceErrors.SchemaNotOfType(Describe(value), "'integer'");
        }
        if (number < 0)
        {
            throw GlanceErrors.NegativeValue(key, number);
        }
        if (number > int.MaxValue)
        {
            throw GlanceErrors.SchemaAboveMaximum(number, int.MaxValue);
        }
        return (int)number;
    }

    private static string? Enumerated(string key, AttributeValue value, IReadOnlyList<string> allowed)
    {
        var text = NullableString(key, value, null);
        if (text is not null && !allowed.Contains(text, StringComparer.Ordinal))
        {
            throw GlanceErrors.SchemaNotOneOf($"'{text}'", $"None, {string.Join(", ", allowed.Select(a => $"'{a}'"))}");
        }
        return text;
    }

    /// <summary>The value as Glance's schema errors show it: Python's repr for strings, None and booleans.</summary>
    private static string Describe(AttributeValue value) => value.Kind switch
    {
        AttributeValueKind.String => $"'{value.Text}'",
        AttributeValueKind.Null => "None",
        AttributeValueKind.Boolean => value.Boolean ? "True" : "False",
        _ => value.Literal!,
    };

    private const string UuidPatternText = "^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$";

    [GeneratedRegex(UuidPatternText)]
    private static partial Regex UuidPattern();
}
