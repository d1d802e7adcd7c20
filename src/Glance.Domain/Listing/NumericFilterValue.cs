using System.Globalization;
using System.Text.RegularExpressions;

namespace Glance.Domain.Listing;

/// <summary>
/// An exact value of a numeric column in a list filter (<c>size=</c>), kept as the text it was given: sqlite, Glance's
/// reference database, compares that text with the column.
/// </summary>
public static partial class NumericFilterValue
{
    /// <summary>
    /// Whether sqlite, Glance's reference database, finds <paramref name="column"/> equal to the filter text
    /// <paramref name="text"/>: text that reads as an integer or real literal (ASCII, surrounding blanks allowed) is
    /// compared as that number; any other text never equals a number, and nothing equals a missing value.
    /// </summary>
    public static bool SqliteEquals(long? column, string text)
    {
        if (column is not { } number || !SqliteNumber().IsMatch(text))
        {
            return false;
        }
        var literal = text.Trim(' ', '\t', '\n', '\v', '\f', '\r');
        if (long.TryParse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return number == integer;
        }
        return double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && number == real;
    }

    [GeneratedRegex(@"^[ \t\n\v\f\r]*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?[ \t\n\v\f\r]*\z")]
    private static partial Regex SqliteNumber();
}
