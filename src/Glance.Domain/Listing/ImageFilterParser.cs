using Glance.Domain.Errors;
using Glance.Domain.Images;

namespace Glance.Domain.Listing;

/// <summary>
/// Glance's list filters (glance/api/v2/images.py index, db/sqlalchemy/api.py _make_conditions_from_filters), with
/// Zed's answers on sqlite, its reference database: an exact value of a numeric column matches as sqlite compares text
/// with a number, a time is compared to the microsecond Glance stores (it shows whole seconds), and each layer's 400 is
/// worded as that layer words it.
/// </summary>
public static class ImageFilterParser
{
    /// <summary>The columns whose value may be given with an operator: <c>eq:</c> (the default) or <c>in:</c>.</summary>
    private static readonly IReadOnlyDictionary<string, Func<Image, string?>> OperatorFields =
        new Dictionary<string, Func<Image, string?>>(StringComparer.Ordinal)
        {
            ["name"] = i => i.Name,
            ["id"] = i => i.Id,
            ["status"] = i => i.Status.ToWire(),
            ["container_format"] = i => i.ContainerFormat,
            ["disk_format"] = i => i.DiskFormat,
        };

    /// <summary>Text columns compared for equality as given (no operator: <c>owner=in:a</c> is the owner "in:a").</summary>
    private static readonly IReadOnlyDictionary<string, Func<Image, string?>> TextFields =
        new Dictionary<string, Func<Image, string?>>(StringComparer.Ordinal)
        {
            ["owner"] = i => i.Owner,
            ["checksum"] = i => i.Checksum,
            ["os_hash_value"] = i => i.OsHashValue,
            ["os_hash_algo"] = i => i.OsHashAlgo,
        };

    /// <summary>Numeric columns: an exact value (<c>size=</c>) and range bounds (<c>size_min=</c>, <c>size_max=</c>).</summary>
    private static readonly IReadOnlyDictionary<string, Func<Image, long?>> NumericFields =
        new Dictionary<string, Func<Image, long?>>(StringComparer.Ordinal)
        {
            ["size"] = i => i.Size,
            ["virtual_size"] = i => i.VirtualSize,
            ["min_disk"] = i => i.MinDisk,
            ["min_ram"] = i => i.MinRam,
        };

    private static readonly HashSet<string> Unfilterable = new(StringComparer.Ordinal) { "self", "file", "schema", "direct_url", "locations" };

    public static ImageFilter Parse(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        string? visibility = null;
        var osHidden = false;
        var memberStatus = "accepted";
        var conditions = new List<Func<Image, bool>>();
        var narrowing = new List<ImageFieldMatch>();
        foreach (var (key, value) in parameters)
        {
            switch (key)
            {
                case "visibility":
                    // An empty visibility is not checked, and no image has it.
                    if (value.Length > 0 && value != "all" && !ImageVisibility.IsValid(value))
                    {
                        throw GlanceException.BadRequest($"Invalid visibility value: {value}");
                    }
                    visibility = value;
                    break;
                case "member_status":
                    if (value is not ("pending" or "accepted" or "rejected" or "all"))
                    {
                        throw GlanceException.BadRequest($"Invalid status: {value}");
                    }
                    memberStatus = value;
                    break;
                case "os_hidden":
                    // Glance lower-cases os_hidden (and names the lower-cased value when it refuses it), not protected.
                    osHidden = ParseBool(key, value.ToLowerInvariant());
                    break;
                case "protected":
                    var wanted = ParseBool(key, value);
                    conditions.Add(i => i.Protected == wanted);
                    narrowing.Add(new(key, [wanted ? "true" : "false"]));
                    break;
                case "tag":
                    var tag = value.Trim();
                    conditions.Add(i => i.Tags.Contains(tag, StringComparer.Ordinal));
                    break;
                case "created_at":
                    conditions.Add(TimeCondition(key, value, i => i.CreatedAt));
                    break;
                case "updated_at":
                    conditions.Add(TimeCondition(key, value, i => i.UpdatedAt));
                    break;
                case "changes-since":
                    throw GlanceException.BadRequest("The \"changes-since\" filter is no longer available on v2.");
                case "deleted":
                    // Glance's controller overrides it: a list never shows deleted images.
                    break;
                default:
                    conditions.Add(FieldCondition(key, value, narrowing));
                    break;
            }
        }
        // Every condition but os_hidden's adds at most one narrowing; os_hidden is always one.
        var narrowedCompletely = narrowing.Count == conditions.Count;
        narrowing.Add(new("os_hidden", [osHidden ? "true" : "false"]));
        if (memberStatus != "all")
        {
            // Applies to the membership that lists a shared image, not to the image.
            narrowing.Add(new("member_status", [memberStatus]));
        }
        return new ImageFilter
        {
            Visibility = visibility, OsHidden = osHidden, MemberStatus = memberStatus, Conditions = conditions, Narrowing = narrowing,
            IsNarrowedCompletely = narrowedCompletely,
        };
    }

    private static Func<Image, bool> FieldCondition(string key, string value, List<ImageFieldMatch> narrowing)
    {
        if (Unfilterable.Contains(key))
        {
            throw GlanceException.BadRequest($"Invalid filter: {key}");
        }
        // Glance reads every <attr>_min / <attr>_max as a range bound and refuses a non-integer one before it
        // looks at the attribute.
        if (key.EndsWith("_min", StringComparison.Ordinal) || key.EndsWith("_max", StringComparison.Ordinal))
        {
            var bound = ParseRangeBound(value);
            if (NumericFields.TryGetValue(key[..^4], out var ranged))
            {
                return key.EndsWith("_min", StringComparison.Ordinal)
                    ? i => ranged(i) is { } v && v >= bound
                    : i => ranged(i) is { } v && v <= bound;
            }
        }
        if (OperatorFields.TryGetValue(key, out var field))
        {
            var (op, operand) = FilterExpression.SplitOperator(value);
            switch (op)
            {
                case "eq":
                    narrowing.Add(new(key, [operand]));
                    return i => field(i) == operand;
                case "in":
                    var options = FilterExpression.SplitInList(operand);
                    narrowing.Add(new(key, options));
                    return i => field(i) is { } v && options.Contains(v);
                default:
                    throw GlanceException.BadRequest($"Unable to filter by unknown operator '{op}'.");
            }
        }
        if (TextFields.TryGetValue(key, out var text))
        {
            narrowing.Add(new(key, [value]));
            return i => text(i) == value;
        }
        if (NumericFields.TryGetValue(key, out var number))
        {
            return i => NumericFilterValue.SqliteEquals(number(i), value);
        }
        return i => i.ExtraProperties.TryGetValue(key, out var v) && v == value;
    }

    private static Func<Image, bool> TimeCondition(string key, string value, Func<Image, DateTimeOffset> field)
    {
        var (op, operand) = FilterExpression.SplitOperator(value);
        if (!Iso8601Time.TryParseUtc(operand, out var when))
        {
            throw GlanceException.BadRequest($"Bad \"{key}\" query filter format. Use ISO 8601 DateTime notation.");
        }
        Func<Image, DateTime> stored = i => Iso8601Time.ToMicroseconds(field(i));
        return op switch
        {
            "eq" => i => stored(i) == when,
            "neq" => i => stored(i) != when,
            "gt" => i => stored(i) > when,
            "gte" => i => stored(i) >= when,
            "lt" => i => stored(i) < when,
            "lte" => i => stored(i) <= when,
            _ => throw GlanceException.BadRequest("Unable to filter on a unknown operator."),
        };
    }

    private static bool ParseBool(string key, string value) => value switch
    {
        "true" => true,
        "false" => false,
        _ => throw GlanceException.BadRequest($"Invalid value '{value}' for '{key}' filter. Valid values are 'true' or 'false'."),
    };

    private static long ParseRangeBound(string value) =>
        NumericFilterValue.TryParsePythonInt(value, out var bound)
            ? bound
            : throw GlanceException.BadRequest("Unable to filter on a range with a non-numeric value.");
}
