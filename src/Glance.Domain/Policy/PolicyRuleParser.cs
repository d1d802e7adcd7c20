using System.Text.RegularExpressions;

namespace Glance.Domain.Policy;

/// <summary>
/// Parses oslo.policy's check language, the subset that covers Glance's defaults and common overrides:
/// <c>role:R</c>, <c>rule:NAME</c>, <c>KIND:MATCH</c> generic checks (<c>project_id:%(project_id)s</c>,
/// <c>'public':%(visibility)s</c>), <c>@</c>, <c>!</c>, <c>and</c>, <c>or</c>, <c>not</c> and parentheses, with
/// oslo.policy's tokenising (words split on white space, parentheses peeled off their ends) and precedence
/// (<c>not</c> binds tighter than <c>and</c>, <c>and</c> tighter than <c>or</c>). An empty rule always passes.
/// Where oslo.policy logs a rule it cannot read and denies, this refuses it with the reason, so a mistyped override
/// stops the service at start rather than locking everyone out.
/// </summary>
public static partial class PolicyRuleParser
{
    public static PolicyRule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = Tokenize(text);
        if (tokens.Count == 0)
        {
            return PolicyRule.Allow;
        }
        var reader = new Reader(tokens, text);
        var rule = reader.Or();
        if (!reader.AtEnd)
        {
            throw reader.Error($"unexpected '{reader.Peek}'");
        }
        return rule;
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        foreach (var word in WhiteSpace().Split(text))
        {
            var start = 0;
            while (start < word.Length && word[start] == '(')
            {
                tokens.Add("(");
                start++;
            }
            var end = word.Length;
            while (end > start && word[end - 1] == ')')
            {
                end--;
            }
            if (end > start)
            {
                tokens.Add(word[start..end]);
            }
            for (var i = end; i < word.Length; i++)
            {
                tokens.Add(")");
            }
        }
        return tokens;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    private sealed class Reader(List<string> tokens, string text)
    {
        private int _position;

        public bool AtEnd => _position == tokens.Count;

        public string Peek => AtEnd ? "end of rule" : tokens[_position];

        public PolicyRule Or()
        {
            var rules = new List<PolicyRule> { And() };
            while (IsKeyword("or"))
            {
                _position++;
                rules.Add(And());
            }
            return PolicyRule.Or(rules);
        }

        private PolicyRule And()
        {
            var rules = new List<PolicyRule> { Not() };
            while (IsKeyword("and"))
            {
                _position++;
                rules.Add(Not());
            }
            return PolicyRule.And(rules);
        }

        private PolicyRule Not()
        {
            if (IsKeyword("not"))
            {
                _position++;
                return PolicyRule.Not(Not());
            }
            return Atom();
        }

        private PolicyRule Atom()
        {
            if (AtEnd)
            {
                throw Error("the rule ends where a check was expected");
            }
            var token = tokens[_position++];
            if (token == "(")
            {
                var inner = Or();
                if (AtEnd || tokens[_position] != ")")
                {
                    throw Error($"expected ')' but found {Peek}");
                }
                _position++;
                return inner;
            }
            if (token == ")" || IsKeyword(token, "and") || IsKeyword(token, "or"))
            {
                throw Error($"unexpected '{token}'");
            }
            return Check(token);
        }

        private PolicyRule Check(string token)
        {
            switch (token)
            {
                case "@":
                    return PolicyRule.Allow;
                case "!":
                    return PolicyRule.Deny;
            }
            var colon = token.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw Error($"'{token}' is not a check (kind:match, @ or !)");
            }
            var kind = token[..colon];
            var match = token[(colon + 1)..];
            PolicyTemplate template;
            try
            {
                template = PolicyTemplate.Parse(match);
            }
            catch (FormatException e)
            {
                throw Error(e.Message);
            }
            switch (kind)
            {
                case "role":
                    return PolicyRule.Role(template);
                case "rule":
                    return match.Length > 0 && !match.Contains('%', StringComparison.Ordinal)
                        ? PolicyRule.Reference(match)
                        : throw Error($"'{token}' does not name a rule");
                case "http" or "https":
                    throw Error($"'{token}': remote (http) checks are not supported");
            }
            return PolicyRule.Generic(kind, Literal(kind), template);
        }

        /// <summary>
        /// A kind that Python's ast.literal_eval reads (a quoted string, True, False, None, an integer) is compared as
        /// that value; anything else names a credential.
        /// </summary>
        private static string? Literal(string kind)
        {
            if (kind.Length >= 2 && (kind[0] == '\'' || kind[0] == '"') && kind[^1] == kind[0])
            {
                return kind[1..^1];
            }
            if (kind is "True" or "False" or "None")
            {
                return kind;
            }
            return long.TryParse(kind, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number)
                ? number.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : null;
        }

        private bool IsKeyword(string keyword) => !AtEnd && IsKeyword(tokens[_position], keyword);

        // oslo.policy reads and/or/not in any case.
        private static bool IsKeyword(string token, string keyword) => string.Equals(token, keyword, StringComparison.OrdinalIgnoreCase);

        public FormatException Error(string reason) => new($"Policy rule \"{text}\": {reason}.");
    }
}
