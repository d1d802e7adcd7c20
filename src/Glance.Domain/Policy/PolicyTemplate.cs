using System.Text;

namespace Glance.Domain.Policy;

/// <summary>
/// The right-hand side of a check, with Python's <c>%(key)s</c> substitutions from the target, as oslo.policy
/// applies them (<c>self.match % target</c>): <c>%%</c> is a percent sign, and any other use of <c>%</c> is refused
/// when the rule is parsed rather than guessed at.
/// </summary>
internal sealed class PolicyTemplate
{
    private readonly IReadOnlyList<(string Text, bool IsKey)> _parts;
    private readonly string _source;

    private PolicyTemplate(string source, IReadOnlyList<(string Text, bool IsKey)> parts)
    {
        _source = source;
        _parts = parts;
    }

    public static PolicyTemplate Parse(string source)
    {
        var parts = new List<(string, bool)>();
        var literal = new StringBuilder();
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] != '%')
            {
                literal.Append(source[i]);
                continue;
            }
            if (i + 1 < source.Length && source[i + 1] == '%')
            {
                literal.Append('%');
                i++;
                continue;
            }
            var close = source.IndexOf(")s", i, StringComparison.Ordinal);
            if (i + 1 >= source.Length || source[i + 1] != '(' || close < 0 || close == i + 2)
            {
                throw new FormatException($"'{source}': only %(name)s substitutions are supported");
            }
            if (literal.Length > 0)
            {
                parts.Add((literal.ToString(), false));
                literal.Clear();
            }
            parts.Add((source[(i + 2)..close], true));
            i = close + 1;
        }
        if (literal.Length > 0 || parts.Count == 0)
        {
            parts.Add((literal.ToString(), false));
        }
        return new PolicyTemplate(source, parts);
    }

    /// <summary>False when the target lacks a key (oslo.policy's KeyError, which fails the check).</summary>
    public bool TryExpand(PolicyTarget target, out string value)
    {
        var result = new StringBuilder();
        foreach (var (text, isKey) in _parts)
        {
            if (!isKey)
            {
                result.Append(text);
            }
            else if (target.TryGet(text, out var substituted))
            {
                result.Append(substituted);
            }
            else
            {
                value = "";
                return false;
            }
        }
        value = result.ToString();
        return true;
    }

    public override string ToString() => _source;
}
