using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Ingest.Import;

/// <summary>Correcting or withdrawing one value is a one-row batch with its reason; the earlier version stays in the history.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class ObservationCorrectorTests(DatabaseProvider provider)
{
    private TestDatabase _test = null!;
    private long _imported;

    [SetUp]
    public async Task SetUp()
    {
        _test = TestDatabase.Create(provider);
        await _test.SeedCatalogAsync();
        var report = await _test.Importer().ImportAsync(new ImportRequest(
            Csv.WithHeader("PCT,AREA-A,2022,41.5,415,1000,", "PCT,AREA-A,2023,38,19,50,koen:kvinde"), "a.csv", "test", "tester", false));
        _imported = report.BatchId!.Value;
    }

    [TearDown]
    public async Task TearDown() => await _test.DisposeAsync();

    private static CorrectionRequest Request(
        string period = "2022", double? value = null, double? numerator = null, double? denominator = null, bool withdraw = false,
        string? reason = "Fejl i udtrækket", string indicator = "pct", string subgroup = "") =>
        new(indicator, "AREA-A", period, subgroup, value, numerator, denominator, withdraw, reason, "tester");

    private async Task<Observation?> Current(string period, string subgroup = "")
    {
        var rows = await new ObservationQuery(_test.Database).PageAsync(new ObservationFilter(IndicatorCode: "PCT", Subgroup: subgroup), ObservationPosition.Start, 10);
        return rows.Select(r => r.Observation).SingleOrDefault(o => o.Period.ToString() == period);
    }

    [Test]
    public async Task A_correction_revises_the_value_in_a_batch_that_keeps_the_reason()
    {
        var versions = new DataVersionStore(_test.Database);
        var before = (await versions.CurrentAsync()).Number;

        var result = await _test.Corrector().CorrectAsync(Request(value: 40.2, numerator: 402, denominator: 1000));

        Assert.That(result.Outcome, Is.EqualTo(CorrectionOutcome.Corrected), string.Join("; ", result.Errors));
        Assert.That((result.Indicator, result.Period, result.ValueBefore, result.ValueAfter), Is.EqualTo(("PCT", "2022", (double?)41.5, (double?)40.2)));
        var now = (await Current("2022"))!;
        Assert.That((now.Value, now.Numerator, now.BatchId, now.Flags), Is.EqualTo(((double?)40.2, (double?)402, result.BatchId!.Value, ObservationFlags.Revised)));
        var asImported = await new ObservationQuery(_test.Database).PageAsync(new ObservationFilter(IndicatorCode: "PCT", Subgroup: "", AsOfBatch: _imported), ObservationPosition.Start, 10);
        Assert.That(asImported.Single().Observation.Value, Is.EqualTo(41.5));
        var batch = (await new ImportBatchStore(_test.Database).FindAsync(result.BatchId.Value))!;
        Assert.That((batch.Source, batch.Reason, batch.Changed, batch.FileName), Is.EqualTo(("correction", "Fejl i udtrækket", 1, "PCT / AREA-A / 2022")));
        Assert.That((await versions.CurrentAsync()).Number, Is.EqualTo(before + 1));
    }

    [Test]
    public async Task A_withdrawal_takes_the_value_out_of_the_current_data_and_keeps_it_in_the_history()
    {
        var result = await _test.Corrector().CorrectAsync(Request("2023", withdraw: true, subgroup: "koen:kvinde"));

        Assert.That(result.Outcome, Is.EqualTo(CorrectionOutcome.Withdrawn), string.Join("; ", result.Errors));
        Assert.That(await Current("2023", "koen:kvinde"), Is.Null);
        Assert.That(await _test.CountAsync("observation_history"), Is.EqualTo(1));
        var batch = (await new ImportBatchStore(_test.Database).FindAsync(result.BatchId!.Value))!;
        Assert.That((batch.Withdrawn, batch.Changed), Is.EqualTo((1, 0)));

        // The withdrawal is a batch like any other: reverting it brings the value back.
        var revert = await _test.Reverter().RevertAsync(new RevertRequest(result.BatchId.Value, "withdrawn by mistake", "tester", false));
        Assert.That(revert.Report!.Restored, Is.EqualTo(1));
        Assert.That((await Current("2023", "koen:kvinde"))!.Value, Is.EqualTo(38));
    }

    [Test]
    public async Task Bad_requests_name_the_field_and_write_nothing()
    {
        var before = await _test.SnapshotAsync();
        var corrector = _test.Corrector();

        Assert.That(Fields(await corrector.CorrectAsync(Request(value: 140))), Is.EqualTo(new[] { "value" }), "a percentage above 100");
        Assert.That(Fields(await corrector.CorrectAsync(Request(value: 40, reason: " "))), Is.EqualTo(new[] { "reason" }));
        Assert.That(Fields(await corrector.CorrectAsync(Request(indicator: "NOPE", withdraw: true))), Is.EqualTo(new[] { "indicator" }));
        Assert.That(Fields(await corrector.CorrectAsync(Request(value: 40, withdraw: true))), Is.EqualTo(new[] { "withdraw" }));
        Assert.That(Fields(await corrector.CorrectAsync(Request())), Is.EqualTo(new[] { "value" }), "neither value nor withdraw");
        Assert.That(Fields(await corrector.CorrectAsync(Request(value: 41.5, numerator: 415, denominator: 1000))), Is.EqualTo(new[] { "value" }), "unchanged");
        Assert.That(Fields(await corrector.CorrectAsync(Request(value: 40, numerator: 5))), Is.EqualTo(new[] { "denominator" }));
        var missing = await corrector.CorrectAsync(Request("2019", value: 40));
        Assert.That((missing.Outcome, missing.Message), Is.EqualTo((CorrectionOutcome.NotFound, missing.Message)));
        Assert.That(missing.Message, Does.Contain("PCT / AREA-A / 2019"));
        Assert.That(await _test.SnapshotAsync(), Is.EqualTo(before));
    }

    private static string[] Fields(CorrectionResult result)
    {
        Assert.That(result.Outcome, Is.EqualTo(CorrectionOutcome.Invalid));
        return result.Errors.Select(e => e.Field).ToArray();
    }
}
