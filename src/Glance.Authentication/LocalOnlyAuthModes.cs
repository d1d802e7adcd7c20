using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Glance.Authentication;

/// <summary>
/// Refuses to start with an auth mode that trusts request headers when running in Azure, where nothing in
/// front of the app strips or sets them. App Service and Functions set WEBSITE_INSTANCE_ID on every instance.
/// </summary>
public sealed class LocalOnlyAuthModes(IConfiguration configuration) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options) =>
        !string.IsNullOrEmpty(configuration["WEBSITE_INSTANCE_ID"]) && options.Mode is AuthModes.Trusted or AuthModes.NoAuth
            ? ValidateOptionsResult.Fail($"Glance:Auth:Mode '{options.Mode}' trusts request headers and is for local development only; it cannot be used in Azure.")
            : ValidateOptionsResult.Success;
}
