using System.Globalization;
using System.Text.RegularExpressions;

namespace Glance.Functions.Requests;

/// <summary>
/// A time in a list filter, read as Glance reads it: the iso8601 library's <c>parse_date</c> (through oslo.utils
/// <c>parse_isotime</c>), then <c>normalize_time</c> to UTC. The forms are the library's: a year alone, year and
/// month, a date with or without dashes, a time with or without colons and seconds, a fraction after <c>.</c> or
/// <c>,</c> kept to the microsecond (truncated), <c>Z</c> or an offset of up to a day, UTC when none is given.
/// </summary>
public static partial class Iso8601Time
{
    /// <summary>The UTC time <paramref name="text"/> names, to the microsecond; false where Glance's parse raises.</summary>
    public static bool TryParseUtc(string text, out DateTime utc)
    {
        utc = default;
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }
        int Number(string group, int fallback) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : fallback;
        var year = Number("year", 0);
        var month = match.Groups["month"].Success ? Number("month", 1) : Number("monthdash", 1);
        var day = match.Groups["day"].Success ? Number("day", 1) : Number("daydash", 1);
        var (hour, minute, second) = (Number("hour", 0), Number("minute", 0), Number("second", 0));
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        // int(Decimal("0." + fraction) * 1000000): the first six digits.
        var fraction = match.Groups["fraction"].Success ? match.Groups["fraction"].Value : "";
        var microsecond = int.Parse(fraction.PadRight(6, '0')[..6], CultureInfo.InvariantCulture);
        var offsetMinutes = 0;
        if (match.Groups["sign"].Success)
        {
            offsetMinutes = (Number("tzhour", 0) * 60 + Number("tzminute", 0)) * (match.Groups["sign"].Value == "-" ? -1 : 1);
            // Python's timezone takes an offset strictly within a day.
            if (Math.Abs(offsetMinutes) >= 24 * 60)
            {
                return false;
            }
        }
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(microsecond * 10L);
        var ticks = local.Ticks - offsetMinutes * TimeSpan.TicksPerMinute;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }
        utc = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }

    // iso8601's ISO8601_REGEX, matched from the start as re.match does ($ also before a final newline, as in Python).
    [GeneratedRegex("""
        ^(?<year>[0-9]{4})
        (
            (
                (-(?<monthdash>[0-9]{1,2}))
                |
                (?<month>[0-9]{2})
                (?!$)
            )
            (
                (
                    (-(?<daydash>[0-9]{1,2}))
                    |
                    (?<day>[0-9]{2})
                )
                (
                    (
                        [\x20T]
                        (?<hour>[0-9]{2})
                        (:{0,1}(?<minute>[0-9]{2})){0,1}
                        (
                            :{0,1}(?<second>[0-9]{1,2})
                            ([.,](?<fraction>[0-9]+)){0,1}
                        ){0,1}
                        (
                            Z
                            |
                            (
                                (?<sign>[-+])
                                (?<tzhour>[0-9]{2})
                                :{0,1}
                                (?<tzminute>[0-9]{2}){0,1}
                            )
                        ){0,1}
                    ){0,1}
                )
            ){0,1}
        ){0,1}
        $
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
