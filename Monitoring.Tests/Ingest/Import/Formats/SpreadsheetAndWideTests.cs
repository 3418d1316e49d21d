using System.Text;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Import.Formats;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Ingest.Import.Formats;

/// <summary>Wide tables and spreadsheets, detected or chosen, through the same rules, on both databases.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class SpreadsheetAndWideTests(DatabaseProvider provider)
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

    private Task<ImportReport> Import(byte[] content, string name = "table.csv", ImportOptions? options = null, bool dryRun = false) =>
        _test.Importer().ImportAsync(new ImportRequest(content, name, "test", "tester", dryRun) { Options = options ?? ImportOptions.Detect });

    private static byte[] Utf8(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    private async Task<IReadOnlyList<string>> StoredAsync()
    {
        var page = await new ObservationQuery(_test.Database).PageAsync(new ObservationFilter(), ObservationPosition.Start, 100);
        return page.Select(p => $"{p.Observation.IndicatorCode}|{p.Observation.ScopeCode}|{p.Observation.Period}|{p.Observation.Subgroup}|{p.Observation.Value}")
            .Order(StringComparer.Ordinal).ToList();
    }

    [Test]
    public async Task Years_as_columns_are_detected_and_turned_into_long_rows()
    {
        var report = await Import(Utf8(
            "Indikator;Område;Undergruppe;2021;2022;2023",
            "PCT;AREA-A;;40,5;..;41",
            "PCT;Område B;køn:kvinde;38;39;"));

        Assert.That(report.Errors, Is.Empty, () => string.Join("; ", report.Errors.Select(e => e.MessageEn)));
        Assert.That(report.Detected!.Layout, Is.EqualTo("wide-periods"));
        Assert.That(await StoredAsync(), Is.EqualTo(new[]
        {
            "PCT|AREA-A|2021||40.5", "PCT|AREA-A|2023||41", "PCT|AREA-B|2021|koen:kvinde|38", "PCT|AREA-B|2022|koen:kvinde|39",
        }));
        Assert.That(report.SkippedCount, Is.EqualTo(2));
    }

    [Test]
    public async Task Indicators_as_columns_are_detected_and_a_bad_cell_names_its_row_and_indicator()
    {
        var good = await Import(Utf8("area,period,PCT,GRADE", "AREA-A,2023,40,7.1", "AREA-B,2023,41,6.5"));
        var bad = await Import(Utf8("area,period,PCT,GRADE", "AREA-A,2022,140,7.1"), name: "bad.csv");

        Assert.That(good.Errors, Is.Empty, () => string.Join("; ", good.Errors.Select(e => e.MessageEn)));
        Assert.That(good.Detected!.Layout, Is.EqualTo("wide-indicators"));
        Assert.That(await StoredAsync(), Is.EqualTo(new[]
        {
            "GRADE|AREA-A|2023||7.1", "GRADE|AREA-B|2023||6.5", "PCT|AREA-A|2023||40", "PCT|AREA-B|2023||41",
        }));
        Assert.That(bad.Status, Is.EqualTo(ImportStatus.Rejected));
        Assert.That((bad.Errors.Single().Row, bad.Errors.Single().Message), Is.EqualTo((2, "PCT er en procentandel; værdien skal være mellem 0 og 100.")));
    }

    [Test]
    public async Task The_layout_can_be_chosen()
    {
        var report = await Import(Utf8("indicator,area,2023", "PCT,AREA-A,40"), options: new ImportOptions(Layout: "long"), dryRun: true);

        Assert.That(report.Status, Is.EqualTo(ImportStatus.Rejected));
        Assert.That(report.Errors.Select(e => e.Column), Does.Contain("period"));
    }

    [Test]
    public async Task An_xlsx_named_like_a_csv_is_read_from_its_first_sheet_with_the_same_rules()
    {
        var workbook = Xlsx.Workbook(
            ("Data", Xlsx.Sheet(
                ["Indikator", "Område", "År", "Værdi", "Tæller", "Nævner", "Undergruppe"],
                ["PCT", "Område A", 2023, 38.0, 19, 50, "køn:kvinde"],
                ["MOVES", "AREA-A", "2023K2", 1078, "", "", ""],
                ["GRADE", "AREA-B", 2023, "..", "", "", ""])),
            ("Noter", Xlsx.Sheet(["anything"])));

        var report = await Import(workbook, name: "export.csv");

        Assert.That(report.Errors, Is.Empty, () => string.Join("; ", report.Errors.Select(e => e.MessageEn)));
        Assert.That(report.Status, Is.EqualTo(ImportStatus.Committed));
        Assert.That((report.Detected!.Kind, report.Detected.Dialect), Is.EqualTo(("xlsx", "sheet 'Data'")));
        Assert.That(report.SkippedCount, Is.EqualTo(1));
        Assert.That(await StoredAsync(), Is.EqualTo(new[] { "MOVES|AREA-A|2023Q2||1078", "PCT|AREA-A|2023|koen:kvinde|38" }));
    }

    [Test]
    public async Task A_named_sheet_in_wide_layout_is_read_and_a_missing_sheet_is_an_error()
    {
        var workbook = Xlsx.Workbook(
            ("Forside", Xlsx.Sheet(["Monitorering 2024"])),
            ("Tal", Xlsx.Sheet(["indicator", "area", 2022, 2023], ["PCT", "AREA-A", 40, 41.5])));

        var report = await Import(workbook, name: "wide.xlsx", options: new ImportOptions(Sheet: "tal"));
        var missing = await Import(workbook, name: "wide2.xlsx", options: new ImportOptions(Sheet: "Ark9"), dryRun: true);

        Assert.That(report.Errors, Is.Empty, () => string.Join("; ", report.Errors.Select(e => e.MessageEn)));
        Assert.That(report.Detected!.Layout, Is.EqualTo("wide-periods"));
        Assert.That(await StoredAsync(), Is.EqualTo(new[] { "PCT|AREA-A|2022||40", "PCT|AREA-A|2023||41.5" }));
        Assert.That(missing.Status, Is.EqualTo(ImportStatus.Rejected));
        Assert.That(missing.Errors.Single().Message, Does.Contain("Ark9"));
    }
}
