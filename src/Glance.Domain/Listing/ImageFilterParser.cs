using System.Globalization;
using System.Text;
using Glance.Domain.Errors;
using Glance.Domain.Images;

namespace Glance.Domain.Listing;

/// <summary>Glance's list filters (glance/api/v2/images.py _get_filters, db _make_conditions_from_filters).</summary>
public static class ImageFilterParser
{
    private static readonly IReadOnlyDictionary<string, Func<Image, string?>> OperatorFields =
        new Dictionary<string, Func<Image, string?>>(StringComparer.Ordinal)
        {
            ["name"] = i => i.Name,
            ["id"] = i => i.Id,
            ["status"] = i => i.Status.ToWire(),
            ["container_format"] = i => i.ContainerFormat,
            ["disk_format"] = i => i.DiskFormat,
        };

    private static readonly IReadOnlyDictionary<string, Func<Image, string?>> EqualityFields =
        new Dictionary<string, Func<Image, string?>>(StringComparer.Ordinal)
        {
            ["owner"] = i => i.Owner,
            ["checksum"] = i => i.Checksum,
            ["os_hash_value"] = i => i.OsHashValue,
            ["os_hash_algo"] = i => i.OsHashAlgo,
            // An exact size, as Glance compares a core column (size_min and size_max are the range).
            ["size"] = i => i.Size?.ToString(CultureInfo.InvariantCulture),
            ["min_ram"] = i => i.MinRam.ToString(CultureInfo.InvariantCulture),
            ["min_disk"] = i => i.MinDisk.ToString(CultureInfo.InvariantCulture),
            ["virtual_size"] = i => i.VirtualSize?.ToString(CultureInfo.InvariantCulture),
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
                    if (value != "all" && !ImageVisibility.IsValid(value))
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
                    osHidden = ParseBool(key, value);
                    break;
                case "protected":
                    var wanted = ParseBool(key, value);
                    conditions.Add(i => i.Protected == wanted);
                    narrowing.Add(new(key, [wanted ? "true" : "false"]));
                    break;
                case "tag":
                    conditions.Add(i => i.Tags.Contains(value, StringComparer.Ordinal));
                    break;
                case "size_min":
                    var min = ParseRangeBound(value);
                    conditions.Add(i => i.Size is { } s && s >= min);
                    break;
                case "size_max":
                    var max = ParseRangeBound(value);
                    conditions.Add(i => i.Size is { } s && s <= max);
                    break;
                case "created_at":
                    conditions.Add(TimeCondition(key, value, i => i.CreatedAt));
                    break;
                case "updated_at":
                    conditions.Add(TimeCondition(key, value, i => i.UpdatedAt));
                    break;
                case "changes-since":
                    throw GlanceException.BadRequest("The \"changes-since\" filter is no longer available on v2.");
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
        // looks at the attribute (db/sqlalchemy/api.py _make_conditions_from_filters).
        if (key.EndsWith("_min", StringComparison.Ordinal) || key.EndsWith("_max", StringComparison.Ordinal))
        {
            ParseRangeBound(value);
        }
        if (OperatorFields.TryGetValue(key, out var field))
        {
            var (op, operand) = SplitOperator(value);
            switch (op)
            {
                case null or "eq":
                    narrowing.Add(new(key, [operand]));
                    return i => field(i) == operand;
                case "in":
                    var options = SplitInList(operand);
                    narrowing.Add(new(key, options));
                    return i => field(i) is { } v && options.Contains(v);
                default:
                    throw GlanceException.BadRequest($"Unable to filter by unknown operator '{op}'.");
            }
        }
        if (EqualityFields.TryGetValue(key, out var equalityField))
        {
            narrowing.Add(new(key, [value]));
            return i => equalityField(i) == value;
        }
        return i => i.ExtraProperties.TryGetValue(key, out var v) && v == value;
    }

    private static Func<Image, bool> TimeCondition(string key, string value, Func<Image, DateTimeOffset> field)
    {
        var (op, operand) = SplitOperator(value);
        if (!DateTimeOffset.TryParse(operand, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
        {
            throw GlanceException.BadRequest($"Bad \"{key}\" query filter format. Use ISO 8601 DateTime notation.");
        }
        // Glance compares at the precision it stores and shows: whole seconds.
        static DateTimeOffset Seconds(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, t.Offset);
        when = Seconds(when);
        return op switch
        {
            null or "eq" => i => Seconds(field(i)) == when,
            "neq" => i => Seconds(field(i)) != when,
            "gt" => i => Seconds(field(i)) > when,
            "gte" => i => Seconds(field(i)) >= when,
            "lt" => i => Seconds(field(i)) < when,
            "lte" => i => Seconds(field(i)) <= when,
            _ => throw GlanceException.BadRequest($"Unable to filter by unknown operator '{op}'."),
        };
    }

    private static (string? Op, string Operand) SplitOperator(string value)
    {
        var colon = value.IndexOf(':');
        if (colon <= 0)
        {
            return (null, value);
        }
        var op = value[..colon];
        return op.All(char.IsAsciiLetterLower) ? (op, value[(colon + 1)..]) : (null, value);
    }

    /// <summary>Splits <c>in:</c> values on commas; a value in double quotes may contain commas.</summary>
    public static IReadOnlyList<string> SplitInList(string operand)
    {
        var values = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in operand)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                values.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        if (quoted)
        {
            throw GlanceException.BadRequest("Invalid filter value: the quotes are not closed.");
        }
        values.Add(current.ToString());
        return values;
    }

    private static bool ParseBool(string key, string value) => value.ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => throw GlanceException.BadRequest($"Invalid value '{value}' for '{key}' filter. Valid values are 'true' or 'false'."),
    };

    /// <summary>An integer as Python's int() reads it: surrounding blanks and a sign allowed (size_max=-5 is 200 in Glance).</summary>
    private static long ParseRangeBound(string value) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
            CultureInfo.InvariantCulture, out var bound)
            ? bound
            : throw GlanceException.BadRequest("Unable to filter on a range with a non-numeric value.");
}
