using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Ingest.Cli;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class KeysCommandTests(DatabaseProvider provider)
{
    [Test]
    public async Task Keys_are_created_listed_and_revoked_from_the_command_line_and_audited()
    {
        await using var database = TestDatabase.Create(provider);

        var (createExit, created) = await WorkerProcess.RunCommandAsync(database, ["keys", "create", "BI-udtræk", "--role", "bi", "--expires", "2099-01-31"]);
        var key = created.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("mon_", StringComparison.Ordinal));
        var holder = await new ApiKeyStore(database.Database, TimeProvider.System).FindAsync(key);
        var (listExit, list) = await WorkerProcess.RunCommandAsync(database, ["keys", "list"]);
        var (revokeExit, _) = await WorkerProcess.RunCommandAsync(database, ["keys", "revoke", holder!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        var (badRoleExit, badRole) = await WorkerProcess.RunCommandAsync(database, ["keys", "create", "x", "--role", "boss"]);
        var (badPlanExit, badPlan) = await WorkerProcess.RunCommandAsync(database, ["keys", "create", "x", "--role", "viewer", "--plan", "nowhere"]);
        var (linkExit, link) = await WorkerProcess.RunCommandAsync(database, ["sign-in-link", "Mette Hansen", "--role", "viewer", "--base-url", "https://monitorering.example"]);

        Assert.That((createExit, listExit, revokeExit), Is.EqualTo((0, 0, 0)), created);
        Assert.That(holder.Role, Is.EqualTo("bi"));
        Assert.That(list, Does.Contain("BI-udtræk").And.Contain("2099-01-3").And.Not.Contain(key), "the terminal table wraps long dates");
        Assert.That(await new ApiKeyStore(database.Database, TimeProvider.System).FindAsync(key), Is.Null, "revoked");
        Assert.That((badRoleExit, badPlanExit), Is.EqualTo((2, 2)));
        Assert.That(badRole + badPlan, Does.Contain("--role must be one of").And.Contain("There is no plan 'nowhere'"));
        Assert.That(linkExit, Is.Zero, link);
        Assert.That(link, Does.Match(@"https://monitorering\.example/log-ind/link/[0-9a-f]{64}"));
        var audit = await new AuditLog(database.Database, TimeProvider.System).ListAsync(10);
        Assert.That(audit.Select(a => a.Action), Is.EqualTo(new[] { "sign-in-link.create", "key.revoke", "key.create" }));
        Assert.That(audit.All(a => a.Actor.StartsWith("cli:", StringComparison.Ordinal)), Is.True);
    }
}
