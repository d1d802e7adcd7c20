namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// A user of the reference Keystone with password credentials and a project to scope its tokens to, running the
/// real clients as that user would at a terminal: openstackclient and glanceclient authenticate with Keystone and
/// find the image service in its catalogue, as they do in any OpenStack cloud.
/// </summary>
internal sealed record KeystoneUser(string AuthUrl, string UserName, string Password, string ProjectName, string ProjectId)
{
    // Every command needs two answers from Keystone (a token, then our service's validation of it), and Keystone runs
    // four single-threaded workers that take seconds each on a busy machine: with more commands at once the
    // validations queue past the service's 10-second Keystone timeout and come back as 503s.
    private static readonly SemaphoreSlim Concurrent = new(2);

    public Task<CommandLine.Result> OpenStackAsync(params string[] arguments) =>
        RunAsync("openstack",
        [
            "--os-auth-type", "password", "--os-auth-url", AuthUrl, "--os-identity-api-version", "3",
            "--os-username", UserName, "--os-password", Password, "--os-project-name", ProjectName,
            "--os-user-domain-name", "Default", "--os-project-domain-name", "Default",
            "--os-region-name", "RegionOne", "--os-interface", "public",
            .. arguments,
        ]);

    // glanceclient names the interface with --os-endpoint-type and defaults to the public one.
    public Task<CommandLine.Result> GlanceAsync(params string[] arguments) =>
        RunAsync("glance",
        [
            "--os-auth-url", AuthUrl, "--os-username", UserName, "--os-password", Password,
            "--os-project-name", ProjectName, "--os-user-domain-name", "Default", "--os-project-domain-name", "Default",
            "--os-region-name", "RegionOne",
            .. arguments,
        ]);

    private static async Task<CommandLine.Result> RunAsync(string program, string[] arguments)
    {
        await Concurrent.WaitAsync();
        try
        {
            return await CommandLine.RunAsync(program, arguments);
        }
        finally
        {
            Concurrent.Release();
        }
    }
}
