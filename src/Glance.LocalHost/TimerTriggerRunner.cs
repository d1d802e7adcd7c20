using System.Reflection;
using Glance.Functions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Glance.LocalHost;

/// <summary>
/// Runs the app's [TimerTrigger] functions in the local host. It does not read their CRON schedules: locally
/// every timer function runs at one fixed interval, which is what development and tests need. Each runs on its own,
/// as the Functions host schedules them: one that is slow (a recovery validating an image again) or failing (storage
/// down, each call waiting out the SDK's retries) does not hold the others back.
/// </summary>
public sealed class TimerTriggerRunner(IServiceScopeFactory scopes, IOptions<TimerTriggerRunnerOptions> options, ILogger<TimerTriggerRunner> logger)
    : BackgroundService
{
    public static IReadOnlyList<(string Name, MethodInfo Method)> Functions { get; } =
        typeof(GlanceAppServiceCollectionExtensions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Where(m => m.GetParameters().Any(p => p.GetCustomAttribute<TimerTriggerAttribute>() is not null))
            .Select(m => (m.GetCustomAttribute<FunctionAttribute>()!.Name, m))
            .ToList();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Functions.Select(f => RunAsync(f.Name, f.Method, stoppingToken)));

    private async Task RunAsync(string name, MethodInfo method, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var target = scope.ServiceProvider.GetRequiredService(method.DeclaringType!);
                var arguments = method.GetParameters()
                    .Select(p => p.ParameterType == typeof(TimerInfo) ? new TimerInfo() : (object)stoppingToken)
                    .ToArray();
                await (Task)method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, arguments, null)!;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Timer function {Function} failed", name);
            }
        }
    }
}
