using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Ingest.Cli;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class RevertCommandTests(DatabaseProvider provider)
{
    [Test]
    public async Task Revert_previews_reverts_refuses_a_second_time_and_the_batches_list_shows_it()
    {
        await using var database = TestDatabase.Create(provider);
        await database.SeedCatalogAsync();
        var importer = database.Importer();
        await importer.ImportAsync(new ImportRequest(Csv.WithHeader("PCT,AREA-A,2022,41.5,,,"), "a.csv", "test", "tester", false));
        var b = (await importer.ImportAsync(new ImportRequest(Csv.WithHeader("PCT,AREA-A,2022,42,,,"), "b.csv", "test", "tester", false))).BatchId!.Value;
        var before = await database.SnapshotAsync();

        var (dryExit, dryOutput) = await WorkerProcess.RunCommandAsync(database, ["revert", b.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dry-run"]);
        Assert.That(dryExit, Is.Zero, dryOutput);
        Assert.That(dryOutput, Does.Contain("DryRun").And.Contain("restored").And.Contain("41.5"));
        Assert.That(await database.SnapshotAsync(), Is.EqualTo(before));

        var (exit, output) = await WorkerProcess.RunCommandAsync(database, ["revert", b.ToString(System.Globalization.CultureInfo.InvariantCulture), "--reason", "wrong file"]);
        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain("Committed"));
        var journal = await new ImportBatchStore(database.Database).ListAsync(1, null);
        Assert.That((journal[0].RevertsBatchId, journal[0].Reason, journal[0].Source), Is.EqualTo(((long?)b, "wrong file", "revert")));

        var (againExit, againOutput) = await WorkerProcess.RunCommandAsync(database, ["revert", b.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.That(againExit, Is.EqualTo(1), againOutput);
        Assert.That(againOutput, Does.Contain("already reverted"));
        var (missingExit, _) = await WorkerProcess.RunCommandAsync(database, ["revert", "9999"]);
        Assert.That(missingExit, Is.EqualTo(2));

        var (_, batches) = await WorkerProcess.RunCommandAsync(database, ["batches"]);
        Assert.That(batches, Does.Contain($"reverts batch {b}: wrong file").And.Contain($"batch {b} was reverted by batch"));
    }
}
