using Glance.Domain.Images;
using Glance.Domain.Listing;
using Glance.Functions.Http;

namespace Glance.Functions.Requests;

/// <summary>
/// Reads Glance's list filters (glance/api/v2/images.py index, db/sqlalchemy/api.py _make_conditions_from_filters)
/// into an <see cref="ImageFilter"/>, each layer's 400 worded as that layer words it. How each condition matches is
/// the domain's (<see cref="ImageFilterBuilder"/>).
/// </summary>
public static class ImageFilterParser
{
    public static ImageFilter Parse(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var filter = new ImageFilterBuilder();
        foreach (var (key, value) in parameters)
        {
            switch (key)
            {
                case "visibility":
                    // An empty visibility is not checked, and no image has it.
                    if (value.Length > 0 && value != "all" && !ImageVisibility.IsValid(value))
                    {
                        throw HttpErrors.InvalidVisibilityFilter(value);
                    }
                    filter.Visibility = value;
                    break;
                case "member_status":
                    if (value is not ("pending" or "accepted" or "rejected" or "all"))
                    {
                        throw HttpErrors.InvalidMemberStatusFilter(value);
                    }
                    filter.MemberStatus = value;
                    break;
                case "os_hidden":
                    // Glance lower-cases os_hidden (and names the lower-cased value when it refuses it), not protected.
                    filter.OsHidden = ParseBool(key, value.ToLowerInvariant());
                    break;
                case "protected":
                    filter.Protected(ParseBool(key, value));
                    break;
                case "tag":
                    filter.Tag(value.Trim());
                    break;
                case "changes-since":
                    throw HttpErrors.ChangesSinceRemoved();
                case "deleted":
                    // Glance's controller overrides it: a list never shows deleted images.
                    break;
                default:
                    AddField(filter, key, value);
                    break;
            }
        }
        return filter.Build();
    }

    private static void AddField(ImageFilterBuilder filter, string key, string value)
    {
        if (ImageFilterFields.Unfilterable.Contains(key))
        {
            throw HttpErrors.InvalidFilter(key);
        }
        if (ImageFilterFields.Times.Contains(key))
        {
            AddTime(filter, key, value);
            return;
        }
        // Glance reads every <attr>_min / <attr>_max as a range bound and refuses a non-integer one before it
        // looks at the attribute.
        if (key.EndsWith("_min", StringComparison.Ordinal) || key.EndsWith("_max", StringComparison.Ordinal))
        {
            var bound = ParseRangeBound(value);
            var field = key[..^4];
            if (ImageFilterFields.Numeric.Contains(field))
            {
                _ = key.EndsWith("_min", StringComparison.Ordinal) ? filter.AtLeast(field, bound) : filter.AtMost(field, bound);
                return;
            }
        }
        if (ImageFilterFields.WithOperators.Contains(key))
        {
            var (op, operand) = FilterExpression.SplitOperator(value);
            _ = op switch
            {
                "eq" => filter.OneOf(key, [operand]),
                "in" => filter.OneOf(key, FilterExpression.SplitInList(operand)),
                _ => throw HttpErrors.UnknownFilterOperator(op),
            };
            return;
        }
        _ = ImageFilterFields.Text.Contains(key) ? filter.OneOf(key, [value])
            : ImageFilterFields.Numeric.Contains(key) ? filter.NumberEquals(key, value)
            : filter.Property(key, value);
    }

    private static void AddTime(ImageFilterBuilder filter, string key, string value)
    {
        var (op, operand) = FilterExpression.SplitOperator(value);
        if (!Iso8601Time.TryParseUtc(operand, out var when))
        {
            throw HttpErrors.TimeFilterNotIso8601(key);
        }
        filter.Time(key, op switch
        {
            "eq" => TimeComparison.Equal,
            "neq" => TimeComparison.NotEqual,
            "gt" => TimeComparison.After,
            "gte" => TimeComparison.AtOrAfter,
            "lt" => TimeComparison.Before,
            "lte" => TimeComparison.AtOrBefore,
            _ => throw HttpErrors.UnknownTimeFilterOperator(),
        }, when);
    }

    private static bool ParseBool(string key, string value) => value switch
    {
        "true" => true,
        "false" => false,
        _ => throw HttpErrors.BooleanFilterInvalid(key, value),
    };

    private static long ParseRangeBound(string value) =>
        PythonInt.TryParse(value, out var bound) ? bound : throw HttpErrors.RangeFilterNotNumeric();
}
