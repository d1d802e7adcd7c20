using System.Text.RegularExpressions;
using Glance.Functions.Http;

namespace Glance.Functions.Requests;

/// <summary>
/// The operator syntax of Glance's list filters (glance/common/utils.py): <c>op:value</c>, where a value that reads
/// whole as an ISO 8601 time keeps its colons, and the comma-separated list of <c>in:</c> with its double quotes.
/// </summary>
public static partial class FilterExpression
{
    /// <summary>
    /// split_filter_op: the text before the first colon is the operator (any text, even empty or upper-case, which
    /// the caller then refuses), unless the whole expression is a time; without a colon the operator is <c>eq</c>.
    /// </summary>
    public static (string Op, string Operand) SplitOperator(string expression)
    {
        var colon = expression.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || Iso8601Time.TryParseUtc(expression, out _))
        {
            return ("eq", expression);
        }
        return (expression[..colon], expression[(colon + 1)..]);
    }

    /// <summary>
    /// split_filter_value_for_quotes: the values of an <c>in:</c> list. A value in double quotes may hold commas (a
    /// quote after a backslash does not count, and the backslash stays); a quote must open after a comma and close
    /// before one. Empty between two commas is an empty value; a trailing comma adds none, and nothing is no value.
    /// </summary>
    public static IReadOnlyList<string> SplitInList(string operand)
    {
        ValidateQuotes(operand);
        return InListValue().Matches(operand)
            .Select(m => m.Groups["quoted"].Success && m.Groups["quoted"].Length > 0 ? m.Groups["quoted"].Value : m.Groups["plain"].Value)
            .ToList();
    }

    private static void ValidateQuotes(string value)
    {
        var expectingOpening = true;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '"' || (i > 0 && value[i - 1] == '\\'))
            {
                continue;
            }
            if (expectingOpening && i > 0 && value[i - 1] != ',')
            {
                throw HttpErrors.FilterNoCommaBeforeQuote(value);
            }
            if (!expectingOpening && i + 1 != value.Length && value[i + 1] != ',')
            {
                throw HttpErrors.FilterNoCommaAfterQuote(value);
            }
            expectingOpening = !expectingOpening;
        }
        if (!expectingOpening)
        {
            throw HttpErrors.FilterQuoteNotClosed(value);
        }
    }

    // Glance's pattern, alternative by alternative: a quoted value (escapes kept), a run of non-commas, a lone comma.
    [GeneratedRegex("""
        "(?<quoted>[^"\\]*(?:\\.[^"\\]*)*)",?
        |(?<plain>[^,]+),?
        |,
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.ExplicitCapture)]
    private static partial Regex InListValue();
}
