using System.Globalization;
using System.Text.RegularExpressions;

namespace Glance.Domain.Listing;

/// <summary>
/// Numbers in list filters, read the two ways Glance reads them: a range bound (<c>size_min</c>) through Python's
/// <c>int()</c>, and an exact value of a numeric column (<c>size=</c>) as text that sqlite compares with the column.
/// </summary>
public static partial class NumericFilterValue
{
    /// <summary>
    /// Python's int() of a string: surrounding whitespace, a sign, decimal digits (any script's) with single
    /// underscores between them. False also where the value does not fit a long (Glance's database fails on those).
    /// </summary>
    public static bool TryParsePythonInt(string text, out long value)
    {
        value = 0;
        var s = text.Trim().Trim('\x1c', '\x1d', '\x1e', '\x1f').Trim();
        var negative = s.StartsWith('-');
        if (s.StartsWith('-') || s.StartsWith('+'))
        {
            s = s[1..];
        }
        if (s.Length == 0 || s[0] == '_' || s[^1] == '_' || s.Contains("__", StringComparison.Ordinal))
        {
            return false;
        }
        var digits = s.Replace("_", "", StringComparison.Ordinal);
        if (!digits.All(char.IsDigit))
        {
            return false;
        }
        var ascii = string.Concat(digits.Select(c => (char)('0' + CharUnicodeInfo.GetDecimalDigitValue(c))));
        return long.TryParse((negative ? "-" : "") + ascii, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

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
