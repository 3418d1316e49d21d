using System.Text;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Ingest.Import.Formats;

/// <summary>Danish headers, area names, Danish numbers, percent signs, missing markers and quarter spellings, on both databases.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class ExportConventionTests(DatabaseProvider provider)
{
    private TestDatabase _test = null!;

    [SetUp]
    public async Task SetUp()
    {
        _test = TestDatabase.Create(provider);
        await _test.SeedCatalogAsync();
        // Two scopes share a name, so the name alone is ambiguous.
        var scopes = new ScopeStore(_test.Database);
        await scopes.CreateAsync(new Scope("AREA-C", "Parken", ScopeKind.Area, "0901"));
        await scopes.CreateAsync(new Scope("AREA-D", "parken", ScopeKind.Area, "0902"));
    }

    [TearDown]
    public async Task TearDown() => await _test.DisposeAsync();

    private Task<ImportReport> Import(params string[] lines) =>
        _test.Importer().ImportAsync(new ImportRequest(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"), "export.csv", "test", "tester", false));

    private async Task<IReadOnlyList<string>> StoredAsync()
    {
        var page = await new ObservationQuery(_test.Database).PageAsync(new ObservationFilter(), ObservationPosition.Start, 100);
        return page.Select(p => $"{p.Observation.IndicatorCode}|{p.Observation.ScopeCode}|{p.Observation.Period}|{p.Observation.Value}").Order(StringComparer.Ordinal).ToList();
    }

    [Test]
    public async Task Danish_headers_area_names_Danish_numbers_percent_signs_and_quarter_spellings_are_read()
    {
        var report = await Import(
            "Indikator;Boligområde;Periode;Værdi",
            "PCT;område a;2023;40%",
            "PCT;Område B;2023;40,5 %",
            "MOVES;AREA-A;2023-K2;1.078",
            "MOVES;AREA-A;2023 K3;12",
            "MOVES;AREA-A;2023K4;-",
            "PCT;AREA-A;2022;..",
            "PCT;AREA-B;2022;");

        Assert.That(report.Errors, Is.Empty, () => string.Join("; ", report.Errors.Select(e => e.MessageEn)));
        Assert.That(report.Status, Is.EqualTo(ImportStatus.Committed));
        Assert.That(await StoredAsync(), Is.EqualTo(new[]
        {
            "MOVES|AREA-A|2023Q2|1078", "MOVES|AREA-A|2023Q3|12", "PCT|AREA-A|2023|40", "PCT|AREA-B|2023|40.5",
        }));
        Assert.That(report.SkippedCount, Is.EqualTo(3));
        Assert.That(report.Skipped!.Select(s => (s.Row, s.Value)), Is.EqualTo(new[] { (6, "-"), (7, ".."), (8, "") }));
        Assert.That(report.RowsRead, Is.EqualTo(7));
    }

    [TestCase("indicator,area,period,value", "PCT,Parken,2023,40", "AREA-C (Parken), AREA-D (parken)")]
    [TestCase("indicator;area;period;value", "MOVES;AREA-A;2023K2;1.07", "Ikke et tal")]
    [TestCase("indicator,area,period,value", "MOVES,AREA-A,2023Q2,1.078.5", "Ikke et tal")]
    [TestCase("indicator,area,period,value", "PCT,Områd A,2023,40", "mente du 'Område A'")]
    [TestCase("indicator,area,period,value", "PCX,AREA-A,2023,40", "mente du 'PCT'")]
    public async Task What_is_still_not_a_value_is_an_error_naming_it(string header, string row, string message)
    {
        var report = await Import(header, row);

        Assert.That(report.Status, Is.EqualTo(ImportStatus.Rejected));
        Assert.That(report.Errors.Single().Message, Does.Contain(message));
        Assert.That(await _test.CountAsync("observations"), Is.Zero);
    }

    [Test]
    public async Task Two_headers_for_one_column_are_an_error_naming_both()
    {
        var report = await Import("indicator,area,period,value,Værdi", "PCT,AREA-A,2023,40,41");

        Assert.That(report.Status, Is.EqualTo(ImportStatus.Rejected));
        var error = report.Errors.Single();
        Assert.That((error.Row, error.Column), Is.EqualTo((1, "value")));
        Assert.That(error.Message, Does.Contain("'value'").And.Contain("'Værdi'"));
        Assert.That(error.MessageEn, Does.Contain("Column 4").And.Contain("column 5"));
        Assert.That(await _test.CountAsync("observations"), Is.Zero);
    }
}
