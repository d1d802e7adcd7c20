using System.Globalization;
using Glance.Domain.Quotas;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Glance.Functions;

/// <summary>
/// Refuses to start with a quota setting the binder would drop without a word: a project's limit that is not a whole
/// number (the binder skips a dictionary entry it cannot convert) or a limit name it does not know (ignored), either of
/// which would leave the project on the defaults or unlimited. Negative limits are valid: they mean unlimited.
/// </summary>
public sealed class ProjectQuotaOptionsValidation(IConfiguration configuration) : IValidateOptions<ProjectQuotaOptions>
{
    private static readonly string[] Limits =
    [
        nameof(ProjectLimits.ImageSizeTotal), nameof(ProjectLimits.ImageStageTotal),
        nameof(ProjectLimits.ImageCountTotal), nameof(ProjectLimits.ImageCountUploading),
    ];

    public ValidateOptionsResult Validate(string? name, ProjectQuotaOptions options)
    {
        var section = configuration.GetSection(ProjectQuotaOptions.SectionName);
        var limitSets = section.GetSection(nameof(ProjectQuotaOptions.Projects)).GetChildren()
            .Prepend(section.GetSection(nameof(ProjectQuotaOptions.Defaults)));
        var failures = new List<string>();
        foreach (var limit in limitSets.SelectMany(set => set.GetChildren()))
        {
            if (!Limits.Contains(limit.Key, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{limit.Path} is not a quota; the quotas are {string.Join(", ", Limits)}.");
            }
            else if (!long.TryParse(limit.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                failures.Add($"{limit.Path} '{limit.Value}' is not a whole number (negative: unlimited).");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
