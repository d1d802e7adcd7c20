namespace Glance.Domain.Policy;

/// <summary>One check of one rule: who, against what, and the table that <c>rule:name</c> looks names up in.</summary>
internal sealed class PolicyEvaluation(PolicyCredentials credentials, PolicyTarget target, IReadOnlyDictionary<string, PolicyRule> rules)
{
    public PolicyCredentials Credentials { get; } = credentials;

    public PolicyTarget Target { get; } = target;

    /// <summary>A name that is not in the table fails, as in oslo.policy (tables are checked for cycles when built).</summary>
    public bool EvaluateRule(string name) => rules.TryGetValue(name, out var rule) && rule.Evaluate(this);
}
