using Dapper;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Ingest.Import;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class ObservationImporterTests(DatabaseProvider provider)
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

    private Task<ImportReport> Import(byte[] content, bool dryRun = false, string name = "upload.csv") =>
        _test.Importer().ImportAsync(new ImportRequest(content, name, "test", "tester", dryRun));

    [Test]
    public async Task A_valid_file_is_committed_as_one_batch_with_every_row()
    {
        var report = await Import(Csv.WithHeader(
            "PCT,AREA-A,2022,41.5,415,1000,",
            "PCT,AREA-A,2023,40.1,401,1000,",
            "GRADE,AREA-B,2023,6.42,,,",
            "MOVES,AREA-A,2023K2,17,,,",
            "PCT,AREA-A,2023,38.0,19,50,koen:kvinde"));

        Assert.That(report.Status, Is.EqualTo(ImportStatus.Committed));
        Assert.That(report.BatchId, Is.Not.Null);
        Assert.That((report.RowsRead, report.RowsAccepted, report.Created, report.Changed, report.Unchanged), Is.EqualTo((5, 5, 5, 0, 0)));
        Assert.That(await _test.CountAsync("observations"), Is.EqualTo(5));
        var batch = (await new ImportBatchStore(_test.Database).FindAsync(report.BatchId!.Value))!;
        Assert.That(batch.FileName, Is.EqualTo("upload.csv"));
        Assert.That(batch.CreatedBy, Is.EqualTo("tester"));
        var quarter = await new ObservationQuery(_test.Database).PageAsync(new ObservationFilter(IndicatorCode: "MOVES"), ObservationPosition.Start, 10);
        Assert.That(quarter.Single().Observation.Period.ToString(), Is.EqualTo("2023Q2"), "Danish K is stored in canonical form");
    }

    [Test]
    public async Task Header_names_match_regardless_of_case_and_optional_columns_may_be_left_out()
    {
        var report = await Import(Csv.Lines("Indicator,AREA,Period,Value", "GRADE,AREA-A,2023,7.1"));

        Assert.That(report.Status, Is.EqualTo(ImportStatus.Committed));
        Assert.That(report.Created, Is.EqualTo(1));
    }

    [Test]
    public async Task A_Danish_Excel_file_with_semicolons_and_decimal_commas_is_read()
    {
        var report = await Import(Csv.Lines("indicator;area;period;value", "GRADE;AREA-A;2023;7,25"));

        Assert.That(report.Status, Is.EqualTo(ImportStatus.Committed));
        var stored = await new ObservationQuery(_test.Database).PageAsync(new ObservationFilter(), ObservationPosition.Start, 10);
        Assert.That(stored.Single().Observation.Value, Is.EqualTo(7.25));
    }

    [Test]
    public async Task A_missing_required_column_is_reported_against_the_header_row()
    {
        var report = await Import(Csv.Lines("indicator,area,value", "GRADE,AREA-A,7.1"));

        Assert.That(report.Status, Is.EqualTo(ImportStatus.Rejected));
        Assert.That(report.Errors.Any(e => e.Row == 1 && e.Column == "period"), Is.True, "missing period reported on the header row");
    }

    // Each case: one bad row among good ones; the error names the row (header = row 1), column and value.
    [TestCase("NOPE,AREA-A,2023,1,,,", "indicator", "NOPE", "Ukendt indikatorkode")]
    [TestCase("PCT,NOWHERE,2023,1,,,", "area", "NOWHERE", "Ukendt områdekode")]
    [TestCase("PCT,AREA-A,2023Q5,1,,,", "period", "2023Q5", "Ikke en periode")]
    [TestCase("PCT,AREA-A,last year,1,,,", "period", "last year", "Ikke en periode")]
    [TestCase("PCT,AREA-A,2023,abc,,,", "value", "abc", "Ikke et tal")]
    [TestCase("PCT,AREA-A,2023,,40,100,", "value", "", "Værdien mangler")]
    [TestCase("PCT,AREA-A,2023,40,x,100,", "numerator", "x", "Ikke et tal")]
    [TestCase("PCT,AREA-A,2023,40,120,100,", "numerator", "120", "større end nævneren")]
    [TestCase("PCT,AREA-A,2023,40,40,0,", "denominator", "0", "større end 0")]
    [TestCase("PCT,AREA-A,2023,40,40,,", "denominator", "", "både tæller og nævner")]
    [TestCase("PCT,AREA-A,2023,101.5,,,", "value", "101.5", "mellem 0 og 100")]
    [TestCase("PCT,AREA-A,2023,-0.1,,,", "value", "-0.1", "mellem 0 og 100")]
    public async Task A_bad_row_is_reported_with_row_column_value_and_reason(string badRow, string column, string value, string message)
    {
        var report = await Import(Csv.WithHeader("GRADE,AREA-A,2022,7.0,,,", badRow, "GRADE,AREA-A,2023,7.1,,,"));

        Assert.That(report.Status, Is.EqualTo(ImportStatus.Rejected));
        var error = report.Errors.Single();
        Assert.That((error.Row, error.Column, error.Value), Is.EqualTo((3, column, value)));
        Assert.That(error.Message, Does.Contain(message).IgnoreCase, "the message is Danish");
        Assert.That(error.MessageEn, Is.Not.Empty.And.Not.EqualTo(error.Message), "an English message comes with it");
        Assert.That(report.RowsRejected, Is.EqualTo(1));
        Assert.That(await _test.CountAsync("observations"), Is.Zero);
    }

    [Test]
    public async Task A_key_given_twice_in_one_file_names_both_rows()
    {
        var report = await Import(Csv.WithHeader("GRADE,AREA-A,2023,7.0,,,", "GRADE,AREA-B,2023,7.0,,,", "grade,AREA-A,2023,7.5,,,"));

        var error = report.Errors.Single();
        Assert.That(error.Row, Is.EqualTo(4));
        Assert.That(error.Message, Does.Contain("Dublet af række 2"));
        Assert.That(error.MessageEn, Does.Contain("Duplicate of row 2"));
    }

    [Test]
    public async Task Every_problem_in_a_file_is_reported_at_once()
    {
        var report = await Import(Csv.WithHeader("NOPE,AREA-A,2023,1,,,", "PCT,NOWHERE,20x3,abc,,,"));

        Assert.That(report.ErrorCount, Is.EqualTo(4));
        Assert.That(report.Errors.Select(e => e.Column), Is.EquivalentTo(new[] { "indicator", "area", "period", "value" }));
    }

    [Test]
    public async Task A_rejected_batch_leaves_every_table_unchanged()
    {
        await Import(Csv.WithHeader("PCT,AREA-A,2022,41.5,415,1000,", "GRADE,AREA-A,2022,7.0,,,"));
        var before = await _test.SnapshotAsync();

        var report = await Import(Csv.WithHeader(
            "PCT,AREA-A,2022,39.0,390,1000,",
            "PCT,AREA-B,2023,40.0,400,1000,",
            "GRADE,AREA-A,2023,seven,,,"));

        Assert.That(report.Status, Is.EqualTo(ImportStatus.Rejected));
        Assert.That(await _test.SnapshotAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Importing_the_same_file_twice_is_a_no_op_the_second_time()
    {
        var content = Csv.WithHeader("PCT,AREA-A,2022,41.5,415,1000,", "GRADE,AREA-A,2022,7.0,,,");
        var first = await Import(content);
        var before = await _test.SnapshotAsync();

        var second = await Import(content, name: "same-content-other-name.csv");

        Assert.That(second.Status, Is.EqualTo(ImportStatus.AlreadyImported));
        Assert.That(second.AlreadyImportedAs, Is.EqualTo(first.BatchId));
        Assert.That(await _test.SnapshotAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_corrected_value_is_a_revision_that_keeps_the_earlier_version()
    {
        var first = await Import(Csv.WithHeader("PCT,AREA-A,2022,41.5,415,1000,", "PCT,AREA-A,2023,40.0,400,1000,"));

        var second = await Import(Csv.WithHeader("PCT,AREA-A,2022,41.5,415,1000,", "PCT,AREA-A,2023,39.2,392,1000,"));

        Assert.That((second.Created, second.Changed, second.Unchanged), Is.EqualTo((0, 1, 1)));
        Assert.That(await _test.CountAsync("observations"), Is.EqualTo(2), "one current version per period");
        Assert.That(await _test.CountAsync("observation_history"), Is.EqualTo(1), "the earlier version of 2023 is kept");
        var query = new ObservationQuery(_test.Database);
        var current = await query.PageAsync(new ObservationFilter(Subgroup: "", From: Period.OfYear(2023)), ObservationPosition.Start, 10);
        Assert.That(current.Single().Observation.Value, Is.EqualTo(39.2));
        Assert.That(current.Single().Observation.Flags, Is.EqualTo(ObservationFlags.Revised));
        var asFirstSaw = await query.PageAsync(new ObservationFilter(From: Period.OfYear(2023), AsOfBatch: first.BatchId), ObservationPosition.Start, 10);
        Assert.That(asFirstSaw.Single().Observation.Value, Is.EqualTo(40.0), "as of the first batch, the original value");
    }

    [Test]
    public async Task A_dry_run_reports_what_would_change_and_writes_nothing()
    {
        await Import(Csv.WithHeader("PCT,AREA-A,2022,41.5,415,1000,", "PCT,AREA-A,2023,40.0,400,1000,"));
        var before = await _test.SnapshotAsync();

        var report = await Import(
            Csv.WithHeader("PCT,AREA-A,2022,41.5,415,1000,", "PCT,AREA-A,2023,39.0,390,1000,", "PCT,AREA-A,2024,38.0,380,1000,"),
            dryRun: true);

        Assert.That(report.Status, Is.EqualTo(ImportStatus.DryRun));
        Assert.That((report.Created, report.Changed, report.Unchanged), Is.EqualTo((1, 1, 1)));
        Assert.That(report.BatchId, Is.Null);
        Assert.That(await _test.SnapshotAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_dry_run_of_a_bad_file_lists_the_errors_like_a_real_import()
    {
        var report = await Import(Csv.WithHeader("PCT,AREA-A,2022,141.5,,,"), dryRun: true);

        Assert.That(report.Status, Is.EqualTo(ImportStatus.Rejected));
        Assert.That(report.Errors.Single().Column, Is.EqualTo("value"));
    }

    [Test]
    public async Task A_header_without_rows_is_rejected()
    {
        var report = await Import(Csv.Lines(Csv.Header));

        Assert.That(report.Status, Is.EqualTo(ImportStatus.Rejected));
        Assert.That(report.Errors.Single().Message, Does.Contain("ingen datarækker"));
    }

    [Test]
    public async Task A_crash_between_writes_leaves_no_half_batch()
    {
        // Cancelling after the rows are written but before commit stands in for a crash mid-import:
        // the transaction is never committed, so nothing of the batch may remain.
        var before = await _test.SnapshotAsync();
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress<ImportProgress>(p =>
        {
            if (p.Stage == "written")
                cancel.Cancel();
        });

        Assert.That(
            async () => await _test.Importer().ImportAsync(
                new ImportRequest(Csv.WithHeader("PCT,AREA-A,2022,41.5,,,", "PCT,AREA-A,2023,40.0,,,"), "x.csv", "test", "tester", false),
                progress, cancel.Token),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(await _test.SnapshotAsync(), Is.EqualTo(before));
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
