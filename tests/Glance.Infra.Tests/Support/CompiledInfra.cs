namespace Glance.Infra.Tests.Support;

/// <summary>
/// The compiler's view of infra/, produced once per test run and shared by every test: main.bicep built to ARM
/// JSON, and every .bicep file linted (each bicep process costs seconds, so one build and one lint in all).
/// </summary>
internal static class CompiledInfra
{
    public const string BicepFilesPattern = "infra/**/*.bicep";

    private static readonly Lazy<(BicepRun Run, ArmTemplate? Template)> main = new(BuildMain);
    private static readonly Lazy<BicepRun> lint = new(() => BicepCli.LintAll(BicepFilesPattern));

    public static BicepRun MainBuild => main.Value.Run;

    /// <summary>The compiled ARM template; throws with the compiler's output if the build failed.</summary>
    public static ArmTemplate Main => main.Value.Template ?? throw new InvalidOperationException(main.Value.Run.ToString());

    public static BicepRun Lint => lint.Value;

    private static (BicepRun, ArmTemplate?) BuildMain()
    {
        var run = BicepCli.Build(Path.Combine("infra", "main.bicep"));
        if (run.ExitCode != 0 || string.IsNullOrWhiteSpace(run.StandardOutput))
        {
            return (run, null);
        }

        using var document = JsonDocument.Parse(run.StandardOutput);
        return (run, new ArmTemplate(document.RootElement.Clone()));
    }
}
