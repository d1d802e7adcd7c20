namespace Glance.Domain.Policy;

/// <summary>
/// One rule of oslo.policy's check language, parsed (<see cref="PolicyRuleParser"/>): the subset Glance's defaults
/// and common overrides use. Evaluated against the caller's credentials, the target (the image) and the rule table
/// that <c>rule:name</c> refers to, with oslo.policy's semantics.
/// </summary>
public abstract class PolicyRule
{
    private PolicyRule()
    {
    }

    /// <summary><c>@</c> or an empty rule: always passes.</summary>
    public static PolicyRule Allow { get; } = new Constant(true);

    /// <summary><c>!</c>: never passes.</summary>
    public static PolicyRule Deny { get; } = new Constant(false);

    internal static PolicyRule Role(PolicyTemplate role) => new RoleCheck(role);

    internal static PolicyRule Reference(string name) => new RuleCheck(name);

    internal static PolicyRule Generic(string kind, string? literal, PolicyTemplate match) => new GenericCheck(kind, literal, match);

    internal static PolicyRule And(IReadOnlyList<PolicyRule> rules) => rules.Count == 1 ? rules[0] : new AndCheck(rules);

    internal static PolicyRule Or(IReadOnlyList<PolicyRule> rules) => rules.Count == 1 ? rules[0] : new OrCheck(rules);

    internal static PolicyRule Not(PolicyRule rule) => new NotCheck(rule);

    internal abstract bool Evaluate(PolicyEvaluation evaluation);

    /// <summary>The names this rule refers to with <c>rule:name</c>, directly.</summary>
    internal abstract IEnumerable<string> References { get; }

    private sealed class Constant(bool value) : PolicyRule
    {
        internal override bool Evaluate(PolicyEvaluation evaluation) => value;

        internal override IEnumerable<string> References => [];

        public override string ToString() => value ? "@" : "!";
    }

    /// <summary>oslo.policy RoleCheck: the role, after substitution, among the caller's roles, ignoring case.</summary>
    private sealed class RoleCheck(PolicyTemplate role) : PolicyRule
    {
        internal override bool Evaluate(PolicyEvaluation evaluation) =>
            role.TryExpand(evaluation.Target, out var name) && evaluation.Credentials.HasRole(name);

        internal override IEnumerable<string> References => [];

        public override string ToString() => "role:" + role;
    }

    /// <summary>oslo.policy RuleCheck: another rule of the table; a rule that is not there fails.</summary>
    private sealed class RuleCheck(string name) : PolicyRule
    {
        internal override bool Evaluate(PolicyEvaluation evaluation) => evaluation.EvaluateRule(name);

        internal override IEnumerable<string> References => [name];

        public override string ToString() => "rule:" + name;
    }

    /// <summary>
    /// oslo.policy GenericCheck <c>kind:match</c>: the match, after substitution from the target, equals either a
    /// literal kind (<c>'public':%(visibility)s</c>) or the caller's credential of that name
    /// (<c>project_id:%(project_id)s</c>). A target key that is missing fails the check.
    /// </summary>
    private sealed class GenericCheck(string kind, string? literal, PolicyTemplate match) : PolicyRule
    {
        internal override bool Evaluate(PolicyEvaluation evaluation)
        {
            if (!match.TryExpand(evaluation.Target, out var expected))
            {
                return false;
            }
            return literal is not null
                ? literal == expected
                : evaluation.Credentials.Matches(kind, expected);
        }

        internal override IEnumerable<string> References => [];

        public override string ToString() => kind + ":" + match;
    }

    private sealed class AndCheck(IReadOnlyList<PolicyRule> rules) : PolicyRule
    {
        internal override bool Evaluate(PolicyEvaluation evaluation) => rules.All(r => r.Evaluate(evaluation));

        internal override IEnumerable<string> References => rules.SelectMany(r => r.References);

        public override string ToString() => "(" + string.Join(" and ", rules) + ")";
    }

    private sealed class OrCheck(IReadOnlyList<PolicyRule> rules) : PolicyRule
    {
        internal override bool Evaluate(PolicyEvaluation evaluation) => rules.Any(r => r.Evaluate(evaluation));

        internal override IEnumerable<string> References => rules.SelectMany(r => r.References);

        public override string ToString() => "(" + string.Join(" or ", rules) + ")";
    }

    private sealed class NotCheck(PolicyRule rule) : PolicyRule
    {
        internal override bool Evaluate(PolicyEvaluation evaluation) => !rule.Evaluate(evaluation);

        internal override IEnumerable<string> References => rule.References;

        public override string ToString() => "not " + rule;
    }
}
