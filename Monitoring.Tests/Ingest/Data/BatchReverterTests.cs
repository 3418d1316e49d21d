using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Ingest.Data;

/// <summary>Undoing a batch with a new batch: the earlier versions come back, and "as of" still sees the old picture.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class BatchReverterTests(DatabaseProvider provider)
{
    private TestDatabase _test = null!;

    [SetUp]
    public async Task SetUp()
    {
        _test = TestDatabase.Create(provider);
        await _test.SeedCatalogAsync();
    }

    [TearDown]
    public async Task TearDown() => await _test.DisposeAsync();

    private async Task<long> Import(params string[] rows)
    {
        var report = await _test.Importer().ImportAsync(new ImportRequest(Csv.WithHeader(rows), "upload.csv", "test", "tester", false));
        Assert.That(report.Status, Is.EqualTo(ImportStatus.Committed), string.Join("; ", report.Errors.Select(e => e.Message)));
        return report.BatchId!.Value;
    }

    private Task<RevertResult> Revert(long batchId, bool dryRun = false, string? reason = "test") =>
        _test.Reverter().RevertAsync(new RevertRequest(batchId, reason, "tester", dryRun));

    /// <summary>The values as of a batch (or now), keyed "indicator/area/period/subgroup".</summary>
    private async Task<Dictionary<string, double?>> Values(long? asOf = null)
    {
        var rows = await new ObservationQuery(_test.Database).PageAsync(new ObservationFilter(AsOfBatch: asOf), ObservationPosition.Start, 1000);
        return rows.ToDictionary(
            r => $"{r.Observation.IndicatorCode}/{r.Observation.ScopeCode}/{r.Observation.Period}/{r.Observation.Subgroup}",
            r => r.Observation.Value);
    }

    [Test]
    public async Task Reverting_a_revision_brings_the_earlier_values_back_and_as_of_still_sees_each_picture()
    {
        var a = await Import("PCT,AREA-A,2022,41.5,,,", "PCT,AREA-A,2023,40,,,");
        var b = await Import("PCT,AREA-A,2022,42,,,", "PCT,AREA-A,2023,40,,,", "PCT,AREA-A,2024,39,,,");
        var asOfA = await Values(a);
        var asOfB = await Values(b);

        var result = await Revert(b, reason: "wrong extract");

        Assert.That(result.Outcome, Is.EqualTo(RevertOutcome.Reverted));
        var report = result.Report!;
        Assert.That((report.Restored, report.Withdrawn, report.Skipped), Is.EqualTo((1, 1, 0)));
        var restored = report.RestoredValues.Single();
        Assert.That((restored.Indicator, restored.Area, restored.Period, restored.ValueNow, restored.ValueAfter),
            Is.EqualTo(("PCT", "AREA-A", "2022", (double?)42, (double?)41.5)));
        Assert.That(report.WithdrawnValues.Single().Period, Is.EqualTo("2024"));
        Assert.That(await Values(), Is.EqualTo(asOfA), "A's values are current again");
        Assert.That(await Values(b), Is.EqualTo(asOfB), "as of B the picture is B's");
        Assert.That(await Values(a), Is.EqualTo(asOfA), "as of A the picture is A's");

        var batch = (await new ImportBatchStore(_test.Database).FindAsync(report.BatchId!.Value))!;
        Assert.That((batch.Source, batch.RevertsBatchId, batch.Reason, batch.Changed, batch.Withdrawn),
            Is.EqualTo(("revert", (long?)b, "wrong extract", 1, 1)));
        Assert.That((await new ImportBatchStore(_test.Database).FindAsync(b))!.RevertedByBatchId, Is.EqualTo(report.BatchId));

        // Then the first import goes too: its keys leave the current data but stay visible as of A.
        var second = await Revert(a);
        Assert.That((second.Report!.Restored, second.Report.Withdrawn, second.Report.Skipped), Is.EqualTo((0, 2, 0)));
        Assert.That(await Values(), Is.Empty);
        Assert.That(await Values(a), Is.EqualTo(asOfA));
        Assert.That(await Values(b), Is.EqualTo(asOfB));
    }

    [Test]
    public async Task A_dry_run_reports_the_same_changes_and_writes_nothing()
    {
        await Import("PCT,AREA-A,2022,41.5,,,");
        var b = await Import("PCT,AREA-A,2022,42,,,", "GRADE,AREA-B,2023,7,,,");
        var before = await _test.SnapshotAsync();

        var result = await Revert(b, dryRun: true);

        Assert.That(result.Report!.Status, Is.EqualTo(ImportStatus.DryRun));
        Assert.That(result.Report.BatchId, Is.Null);
        Assert.That((result.Report.Restored, result.Report.Withdrawn, result.Report.Skipped), Is.EqualTo((1, 1, 0)));
        Assert.That(await _test.SnapshotAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_key_changed_by_a_later_batch_is_skipped_and_named()
    {
        await Import("PCT,AREA-A,2022,41.5,,,", "PCT,AREA-A,2023,40,,,");
        var b = await Import("PCT,AREA-A,2022,42,,,", "PCT,AREA-A,2023,39,,,");
        var c = await Import("PCT,AREA-A,2023,38,,,");

        var report = (await Revert(b)).Report!;

        Assert.That((report.Restored, report.Withdrawn, report.Skipped), Is.EqualTo((1, 0, 1)));
        var skipped = report.SkippedValues.Single();
        Assert.That((skipped.Period, skipped.ChangedSinceBy, skipped.ValueNow), Is.EqualTo(("2023", (long?)c, (double?)38)));
        var now = await Values();
        Assert.That(now["PCT/AREA-A/2022/"], Is.EqualTo(41.5));
        Assert.That(now["PCT/AREA-A/2023/"], Is.EqualTo(38), "the later batch's value stands");
    }

    [Test]
    public async Task A_batch_is_reverted_once_and_a_revert_can_itself_be_reverted()
    {
        await Import("PCT,AREA-A,2022,41.5,,,");
        var b = await Import("PCT,AREA-A,2022,42,,,", "PCT,AREA-A,2023,40,,,");
        var afterB = await Values();
        var revert = (await Revert(b)).Report!.BatchId!.Value;

        var again = await Revert(b);
        Assert.That((again.Outcome, again.RevertedBy), Is.EqualTo((RevertOutcome.AlreadyReverted, (long?)revert)));
        Assert.That((await Revert(b, dryRun: true)).Outcome, Is.EqualTo(RevertOutcome.AlreadyReverted));
        Assert.That((await Revert(9999)).Outcome, Is.EqualTo(RevertOutcome.NotFound));

        var undo = (await Revert(revert)).Report!;
        Assert.That((undo.Restored, undo.Withdrawn, undo.Skipped), Is.EqualTo((2, 0, 0)), "the withdrawn key comes back too");
        Assert.That(await Values(), Is.EqualTo(afterB));
        Assert.That(await Values(revert), Is.Not.EqualTo(afterB));
    }

    [Test]
    public async Task Two_reverts_of_one_batch_at_once_revert_it_once()
    {
        await Import("PCT,AREA-A,2022,41.5,,,");
        var b = await Import("PCT,AREA-A,2022,42,,,");

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Revert(b))));

        Assert.That(results.Count(r => r.Outcome == RevertOutcome.Reverted), Is.EqualTo(1));
        var winner = results.Single(r => r.Outcome == RevertOutcome.Reverted).Report!.BatchId;
        Assert.That(results.Where(r => r.Outcome != RevertOutcome.Reverted).Select(r => (r.Outcome, r.RevertedBy)),
            Has.All.EqualTo((RevertOutcome.AlreadyReverted, winner)));
        Assert.That((await Values())["PCT/AREA-A/2022/"], Is.EqualTo(41.5));
        Assert.That(await _test.CountAsync("observation_history"), Is.EqualTo(2));
    }

    [Test]
    public async Task Each_committed_revert_moves_the_data_version_and_a_dry_run_does_not()
    {
        var versions = new DataVersionStore(_test.Database);
        var a = await Import("PCT,AREA-A,2022,41.5,,,");
        var start = (await versions.CurrentAsync()).Number;

        await Revert(a, dryRun: true);
        Assert.That((await versions.CurrentAsync()).Number, Is.EqualTo(start));
        await Revert(a);
        Assert.That((await versions.CurrentAsync()).Number, Is.EqualTo(start + 1));
    }

    [Test]
    public async Task A_file_whose_batch_was_reverted_can_be_imported_again()
    {
        var content = Csv.WithHeader("PCT,AREA-A,2022,41.5,,,");
        var first = await _test.Importer().ImportAsync(new ImportRequest(content, "a.csv", "test", "tester", false));
        await Revert(first.BatchId!.Value);

        var again = await _test.Importer().ImportAsync(new ImportRequest(content, "a.csv", "test", "tester", false));

        Assert.That((again.Status, again.Created), Is.EqualTo((ImportStatus.Committed, 1)));
        Assert.That((await Values())["PCT/AREA-A/2022/"], Is.EqualTo(41.5));
    }
}
