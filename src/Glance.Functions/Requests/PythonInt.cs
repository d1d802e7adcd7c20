using System.Globalization;

namespace Glance.Functions.Requests;

/// <summary>A range bound of a list filter (<c>size_min</c>), read through Python's <c>int()</c> as Glance reads it.</summary>
public static class PythonInt
{
    /// <summary>
    /// Python's int() of a string: surrounding whitespace, a sign, decimal digits (any script's) with single
    /// underscores between them. False also where the value does not fit a long (Glance's database fails on those).
    /// </summary>
    public static bool TryParse(string text, out long value)
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
}
