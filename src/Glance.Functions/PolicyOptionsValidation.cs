using Glance.Domain.Policy;
using Microsoft.Extensions.Options;

namespace Glance.Functions;

/// <summary>Refuses to start with rules or property protections that cannot be used, saying which and why.</summary>
public sealed class PolicyOptionsValidation : IValidateOptions<PolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, PolicyOptions options)
    {
        try
        {
            ImagePolicyFactory.Create(options);
            return ValidateOptionsResult.Success;
        }
        catch (FormatException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
