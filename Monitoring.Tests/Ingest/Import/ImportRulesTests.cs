using System.Text;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Ingest.Import;

/// <summary>
/// Each import rule just inside and just outside its bound, through the importer every ingest path
/// uses, on both databases.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class ImportRulesTests(DatabaseProvider provider)
{
    private TestDatabase _test = null!;

    [SetUp]
    public async Task SetUp()
    {
        _test = TestDatabase.Create(provider);
        await _test.SeedCatalogAsync();
        var indicators = new IndicatorStore(_test.Database);
        await indicators.CreateAsync(new Indicator("RATE", "Domfældelser pr. 1.000", null, IndicatorUnit.Rate,
            Direction.LowerBetter, IndicatorSource.Register, Periodicity.Yearly, 1, null, true));
        await indicators.CreateAsync(new Indicator("IDX", "Indkomstindeks", null, IndicatorUnit.Index,
            Direction.HigherBetter, IndicatorSource.Register, Periodicity.Yearly, 1, null, true));
        await indicators.CreateAsync(new Indicator("KR", "Indkomst", null, IndicatorUnit.Dkk,
            Direction.HigherBetter, IndicatorSource.Register, Periodicity.Yearly, 0, null, true));
        await indicators.CreateAsync(new Indicator("FINE", "Tryghed", null, IndicatorUnit.Percent,
            Direction.HigherBetter, IndicatorSource.Survey, Periodicity.Yearly, 1, null, true, AcceptsFinerPeriods: true));
    }

    [TearDown]
    public async Task TearDown() => await _test.DisposeAsync();

    private Task<ImportReport> Import(params string[] rows) =>
        _test.Importer().ImportAsync(new ImportRequest(Csv.WithHeader(rows), "rules.csv", "test", "tester", false));

    // Just inside each bound: accepted.
    [TestCase("PCT,AREA-A,2023,0,,,")]
    [TestCase("PCT,AREA-A,2023,100,,,")]
    [TestCase("MOVES,AREA-A,2023Q1,0,,,")]
    [TestCase("GRADE,AREA-A,2023,-3,,,")]
    [TestCase("GRADE,AREA-A,2023,12,,,")]
    [TestCase("RATE,AREA-A,2023,1000000000000,,,")]
    [TestCase("IDX,AREA-A,2023,-1000000000000,,,")]
    [TestCase("KR,AREA-A,2023,1e12,,,")]
    [TestCase("FINE,AREA-A,2023Q1,40,,,")]
    [TestCase("FINE,AREA-A,2023-05,40,,,")]
    [TestCase("PCT,AREA-A,2023,0,0,10,")]
    [TestCase("PCT,AREA-A,2023,100,10,10,")]
    [TestCase("PCT,AREA-A,2023,12.55,1,8,")]
    [TestCase("PCT,AREA-A,2023,12.45,1,8,")]
    [TestCase("RATE,AREA-A,2023,125.05,1,8,")]
    [TestCase("PCT,AREA-A,2023,40,,,koen:kvinde")]
    [TestCase("PCT,AREA-A,2023,40,,,alder:65+")]
    public async Task A_value_just_inside_a_rule_is_accepted(string row)
    {
        var report = await Import(row);

        Assert.That(report.Errors, Is.Empty, () => string.Join("; ", report.Errors.Select(e => e.MessageEn)));
        Assert.That(report.Status, Is.EqualTo(ImportStatus.Committed));
    }

    // Just outside each bound: rejected, naming the column, with a Danish message saying why.
    [TestCase("PCT,AREA-A,2025Q1,40,,,", "period", "opgøres pr. år")]
    [TestCase("MOVES,AREA-A,2025,17,,,", "period", "opgøres pr. kvartal")]
    [TestCase("PCT,AREA-A,2023,-0.1,,,", "value", "mellem 0 og 100")]
    [TestCase("PCT,AREA-A,2023,100.1,,,", "value", "mellem 0 og 100")]
    [TestCase("MOVES,AREA-A,2023Q1,-1,,,", "value", "helt tal")]
    [TestCase("MOVES,AREA-A,2023Q1,1.5,,,", "value", "helt tal")]
    [TestCase("GRADE,AREA-A,2023,-3.01,,,", "value", "mellem -3 og 12")]
    [TestCase("GRADE,AREA-A,2023,12.01,,,", "value", "mellem -3 og 12")]
    [TestCase("RATE,AREA-A,2023,1000000000001,,,", "value", "for stor")]
    [TestCase("IDX,AREA-A,2023,-1000000000001,,,", "value", "for stor")]
    [TestCase("KR,AREA-A,2023,1e308,,,", "value", "for stor")]
    [TestCase("KR,AREA-A,2023,1e309,,,", "value", "Ikke et tal")]
    [TestCase("KR,AREA-A,2023,NaN,,,", "value", "Ikke et tal")]
    [TestCase("KR,AREA-A,2023,Infinity,,,", "value", "Ikke et tal")]
    [TestCase("PCT,AREA-A,2023,40,-1,10,", "numerator", "helt tal")]
    [TestCase("PCT,AREA-A,2023,40,1.5,10,", "numerator", "helt tal")]
    [TestCase("PCT,AREA-A,2023,40,4,10.5,", "denominator", "helt tal")]
    [TestCase("PCT,AREA-A,2023,100,11,10,", "numerator", "større end nævneren")]
    [TestCase("PCT,AREA-A,2023,12.56,1,8,", "value", "passer ikke med 100 · 1/8 = 12,5")]
    [TestCase("PCT,AREA-A,2023,12.44,1,8,", "value", "passer ikke")]
    [TestCase("RATE,AREA-A,2023,125.06,1,8,", "value", "passer ikke med 1000 · 1/8 = 125")]
    [TestCase("PCT,AREA-A,2023,40,,,koen:mænd", "subgroup", "mente du 'koen:mand'")]
    [TestCase("PCT,AREA-A,2023,40,,,gender:female", "subgroup", "Ukendt dimension")]
    [TestCase("PCT,AREA-A,2023,40,,,kon:mand", "subgroup", "mente du 'koen'")]
    [TestCase("PCT,AREA-A,2023,40,,,koen", "subgroup", "dimension:værdi")]
    [TestCase("PCT,AREA-A,2023,40,,,=cmd|' /C calc'!A0", "subgroup", "dimension:værdi")]
    [TestCase("PCT,AREA-A,2023,40,,,<script>alert(1)</script>", "subgroup", "")]
    [TestCase("PCT,AREA-A,2023,40,,,koen:x'; DROP TABLE observations;--", "subgroup", "ikke en værdi af koen")]
    [TestCase("PCT,AREA-A,2023,40,,,koen:kvinde\0", "subgroup", "ikke en værdi af koen")]
    [TestCase("PCT,AREA-A,٢٠٢٣,40,,,", "period", "Ikke en periode")]
    [TestCase("PCT,AREA-A,２０２３,40,,,", "period", "Ikke en periode")]
    [TestCase("PCT,AREA-A,2023,٤٠,,,", "value", "cifrene 0–9")]
    [TestCase("PCT,AREA-A,2023,４０,,,", "value", "cifrene 0–9")]
    [TestCase("PCT,AREA-A,2023,40,٤,١٠,", "numerator", "Ikke et tal")]
    [TestCase("PCT,AREA-A,2023,40,４,１０,", "numerator", "Ikke et tal")]
    public async Task A_value_just_outside_a_rule_is_rejected_naming_the_column(string row, string column, string danish)
    {
        var report = await Import(row);

        Assert.That(report.Status, Is.EqualTo(ImportStatus.Rejected));
        var error = report.Errors.First();
        Assert.That((error.Row, error.Column), Is.EqualTo((2, column)));
        Assert.That(error.Message, Does.Contain(danish));
        Assert.That(error.MessageEn, Is.Not.Empty.And.Not.EqualTo(error.Message));
        Assert.That(await _test.CountAsync("observations"), Is.Zero);
    }

    [Test]
    public async Task A_subgroup_is_matched_without_case_and_stored_in_the_declared_spelling()
    {
        var report = await Import("PCT,AREA-A,2023,40,,,KOEN:Mand");

        Assert.That(report.Status, Is.EqualTo(ImportStatus.Committed));
        var stored = await new ObservationQuery(_test.Database).PageAsync(new ObservationFilter(), ObservationPosition.Start, 10);
        Assert.That(stored.Single().Observation.Subgroup, Is.EqualTo("koen:mand"));
    }

    [Test]
    public async Task Two_spellings_of_one_subgroup_are_the_same_key()
    {
        var report = await Import("PCT,AREA-A,2023,40,,,koen:mand", "PCT,AREA-A,2023,41,,,Koen:MAND");

        Assert.That(report.Status, Is.EqualTo(ImportStatus.Rejected));
        Assert.That(report.Errors.Single().Message, Does.Contain("Dublet af række 2"));
    }

    [Test]
    public async Task A_huge_cell_is_refused_with_a_short_message_that_does_not_echo_it()
    {
        var huge = "koen:" + new string('x', 10 * 1024 * 1024);

        var report = await Import("PCT,AREA-A,2023,40,,," + huge);

        var error = report.Errors.Single();
        Assert.That(error.Column, Is.EqualTo("subgroup"));
        Assert.That(error.Value!.Length, Is.LessThanOrEqualTo(65));
        Assert.That(error.Message.Length + error.MessageEn.Length, Is.LessThan(1000));
    }

    [Test]
    public async Task A_Danish_file_takes_decimal_commas_and_the_same_rules()
    {
        var report = await _test.Importer().ImportAsync(new ImportRequest(
            Encoding.UTF8.GetBytes("indicator;area;period;value;numerator;denominator\nPCT;AREA-A;2023;12,55;1;8\nPCT;AREA-A;2024;12,56;1;8\n"),
            "da.csv", "test", "tester", false));

        Assert.That(report.Errors.Select(e => (e.Row, e.Column)), Is.EqualTo(new[] { (3, "value") }));
        Assert.That(report.Errors.Single().Message, Does.Contain("12,56"));
    }
}
