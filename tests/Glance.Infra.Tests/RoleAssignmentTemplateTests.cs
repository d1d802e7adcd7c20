using System.Text.RegularExpressions;
using Glance.Infra.Tests.Support;

namespace Glance.Infra.Tests;

public sealed partial class RoleAssignmentTemplateTests
{
    private const string RoleAssignmentType = "Microsoft.Authorization/roleAssignments";
    private const string AppPrincipal = "[parameters('appPrincipalId')]";
    private const string UserPrincipal = "[parameters('userPrincipalId')]";

    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageBlobDelegator = "db58b8e5-c6ad-4a2a-8342-4190687cbf4a";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string EventGridDataSender = "d5a91429-5739-47e2-a06b-3470a27159e7";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private const string StorageAccounts = "Microsoft.Storage/storageAccounts";
    private const string EventGridTopics = "Microsoft.EventGrid/topics";
    private const string InsightsComponents = "Microsoft.Insights/components";

    private static readonly (string RoleId, string ScopeType)[] AppRoles =
    [
        (StorageBlobDataOwner, StorageAccounts),
        (StorageTableDataContributor, StorageAccounts),
        (StorageQueueDataContributor, StorageAccounts),
        (EventGridDataSender, EventGridTopics),
        (MonitoringMetricsPublisher, InsightsComponents),
    ];

    private static readonly string[] UserRoles = [StorageBlobDataOwner, StorageTableDataContributor, StorageQueueDataContributor];

    private static ArmTemplate Rbac => CompiledInfra.Main.Module("rbac");

    public static TheoryData<string, string> AppIdentityRoles()
    {
        var rows = new TheoryData<string, string>();
        foreach (var (roleId, scopeType) in AppRoles)
        {
            rows.Add(roleId, scopeType);
        }

        return rows;
    }

    public static TheoryData<string> DeployingUserRoles() => new(UserRoles);

    [Theory]
    [MemberData(nameof(AppIdentityRoles))]
    public void AppIdentity_HasRole_OnItsOneResource(string roleId, string scopeType)
    {
        var assignment = Assert.Single(AssignmentsOf(AppPrincipal), candidate => RoleIdOf(candidate) == roleId);

        Assert.StartsWith($"[resourceId('{scopeType}', ", ScopeOf(assignment), StringComparison.Ordinal);
        AssertNamedByScopePrincipalAndRole(assignment, AppPrincipal);
        Assert.Equal("ServicePrincipal", assignment.GetProperty("properties").GetProperty("principalType").GetString());
        Assert.False(assignment.TryGetProperty("condition", out _));
    }

    [Fact]
    public void AppPrincipal_IsTheUserAssignedIdentitysPrincipalId()
    {
        var argument = CompiledInfra.Main.ModuleArgument("rbac", "appPrincipalId")!.Value.GetString()!;

        Assert.Contains("'Microsoft.Resources/deployments', 'identity')", argument, StringComparison.Ordinal);
        Assert.EndsWith(".outputs.principalId.value]", argument, StringComparison.Ordinal);
        Assert.Contains(
            "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('name')), '",
            CompiledInfra.Main.Module("identity").Root.GetProperty("outputs").GetProperty("principalId").GetProperty("value").GetString(),
            StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DeployingUserRoles))]
    public void DeployingUser_HasDataRole_OnlyWhenPrincipalIdIsGiven(string roleId)
    {
        var assignment = Assert.Single(AssignmentsOf(UserPrincipal), candidate => RoleIdOf(candidate) == roleId);

        Assert.StartsWith($"[resourceId('{StorageAccounts}', ", ScopeOf(assignment), StringComparison.Ordinal);
        AssertNamedByScopePrincipalAndRole(assignment, UserPrincipal);
        Assert.Equal("[not(empty(parameters('userPrincipalId')))]", assignment.GetProperty("condition").GetString());
        Assert.Equal("[parameters('userPrincipalType')]", assignment.GetProperty("properties").GetProperty("principalType").GetString());
        Assert.Equal("[parameters('principalId')]", CompiledInfra.Main.ModuleArgument("rbac", "userPrincipalId")!.Value.GetString());
        Assert.Equal(string.Empty, CompiledInfra.Main.ParameterDefault("principalId")!.Value.GetString());
    }

    [Fact]
    public void RoleAssignments_AreExactlyTheListedOnes()
    {
        // The second image store's account: blob data only, and only when there is one (StoresTemplateTests).
        const string storageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
        var expected = AppRoles.Select(role => $"app {role.RoleId}")
            .Append($"app {storageBlobDataContributor}")
            .Concat(UserRoles.Select(roleId => $"user {roleId}"))
            .Order(StringComparer.Ordinal);

        var actual = Rbac.ResourcesOfType(RoleAssignmentType)
            .Select(assignment => $"{PrincipalOf(assignment) switch { AppPrincipal => "app", UserPrincipal => "user", var other => other }} {RoleIdOf(assignment)}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void RoleAssignments_LiveOnlyInTheRbacModule()
    {
        var elsewhere = CompiledInfra.Main.SelfAndModules()
            .Where(module => module.Path != "main/rbac")
            .Where(module => module.Template.ResourcesOfType(RoleAssignmentType).Any())
            .Select(module => module.Path);

        Assert.Empty(elsewhere);
    }

    [Fact]
    public void StorageBlobDelegator_IsNotAssigned_BecauseAccountWideBlobDataOwnerGrantsUserDelegationKeys()
    {
        var appRoles = AssignmentsOf(AppPrincipal).ToList();

        Assert.DoesNotContain(appRoles, assignment => RoleIdOf(assignment) == StorageBlobDelegator);
        var blobDataOwner = Assert.Single(appRoles, assignment => RoleIdOf(assignment) == StorageBlobDataOwner);
        Assert.Equal($"[resourceId('{StorageAccounts}', parameters('storageAccountName'))]", ScopeOf(blobDataOwner));
    }

    [Fact]
    public void RoleIdVariables_EachHaveAComment()
    {
        var lines = File.ReadAllLines(RepositoryPaths.Combine("infra", "app", "rbac.bicep"));

        var uncommented = lines
            .Select((line, index) => (line, index))
            .Where(entry => RoleIdVariable().IsMatch(entry.line))
            .Where(entry => entry.index == 0 || !lines[entry.index - 1].TrimStart().StartsWith("//", StringComparison.Ordinal))
            .Select(entry => entry.line);

        Assert.Contains(lines, line => RoleIdVariable().IsMatch(line));
        Assert.Empty(uncommented);
    }

    private static IEnumerable<JsonElement> AssignmentsOf(string principal) =>
        Rbac.ResourcesOfType(RoleAssignmentType).Where(assignment => PrincipalOf(assignment) == principal);

    private static string PrincipalOf(JsonElement assignment) =>
        assignment.GetProperty("properties").GetProperty("principalId").GetString()!;

    private static string ScopeOf(JsonElement assignment) => assignment.GetProperty("scope").GetString()!;

    private static string RoleVariableOf(JsonElement assignment)
    {
        var expression = assignment.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!;
        Assert.StartsWith("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables('", expression, StringComparison.Ordinal);
        return Assert.Single(ArmTemplate.VariableNames(expression));
    }

    private static string RoleIdOf(JsonElement assignment) => Rbac.Variable(RoleVariableOf(assignment)).GetString()!;

    /// <summary>guid(scope, principal, role): stable across redeploys and unique per scope, principal and role.</summary>
    private static void AssertNamedByScopePrincipalAndRole(JsonElement assignment, string principal)
    {
        var scope = ScopeOf(assignment)[1..^1];
        var expected = $"[guid({scope}, {principal[1..^1]}, variables('{RoleVariableOf(assignment)}'))]";

        Assert.Equal(expected, assignment.GetProperty("name").GetString());
    }

    [GeneratedRegex(@"^\s*var\s+\w+RoleId\s*=")]
    private static partial Regex RoleIdVariable();
}
