using System.Text;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Import.Formats;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Ingest.Import.Formats;

/// <summary>The encodings analysts' files come in, detected or chosen, on both databases; never a U+FFFD stored.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class EncodingImportTests(DatabaseProvider provider)
{
    private TestDatabase _test = null!;

    static EncodingImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [SetUp]
    public async Task SetUp()
    {
        _test = TestDatabase.Create(provider);
        await _test.SeedCatalogAsync();
    }

    [TearDown]
    public async Task TearDown() => await _test.DisposeAsync();

    private Task<ImportReport> Import(byte[] content, bool dryRun = false, string? encoding = null) =>
        _test.Importer().ImportAsync(new ImportRequest(content, "export.csv", "test", "tester", dryRun) { Options = new ImportOptions(encoding) });

    private const string DanishExport = "Indikator;Område;År;Værdi;Tæller;Nævner;Undergruppe\nPCT;Område A;2023;38,0;19;50;køn:kvinde\nMOVES;AREA-A;2023-K2;1.078;;;\n";

    private async Task<IReadOnlyList<string>> StoredSubgroupsAsync()
    {
        var page = await new ObservationQuery(_test.Database).PageAsync(new ObservationFilter(), ObservationPosition.Start, 100);
        return page.Select(p => p.Observation.Subgroup).ToList();
    }

    [Test]
    public async Task A_Windows_1252_Danish_Excel_export_is_read_as_Windows_1252_and_stored_without_replacement_characters()
    {
        var bytes = Encoding.GetEncoding(1252).GetBytes("Indikator;Område;År;Værdi;Tæller;Nævner;Undergruppe\nPCT;Område A;2023;38,0;19;50;køn:kvinde\n");

        var report = await Import(bytes);

        Assert.That(report.Errors, Is.Empty, () => string.Join("; ", report.Errors.Select(e => e.MessageEn)));
        Assert.That(report.Status, Is.EqualTo(ImportStatus.Committed));
        Assert.That(report.Detected!.Encoding, Is.EqualTo("windows-1252"));
        Assert.That(report.Detected.Dialect, Does.Contain("semicolon"));
        Assert.That(report.Format, Does.Contain("windows-1252"));
        var batch = (await new ImportBatchStore(_test.Database).FindAsync(report.BatchId!.Value))!;
        Assert.That(batch.Format, Does.Contain("windows-1252"), "the batch records the encoding read");
        Assert.That(await StoredSubgroupsAsync(), Is.EqualTo(new[] { "koen:kvinde" }));
    }

    [TestCase("utf-8")]
    [TestCase("utf-8 (bom)")]
    [TestCase("utf-16 (bom)")]
    [TestCase("utf-16BE (bom)")]
    public async Task Unicode_files_with_and_without_a_byte_order_mark_are_read(string encoding)
    {
        var text = "indicator,area,period,value,subgroup\nPCT,AREA-A,2023,40,Køn:kvinde\n";
        var bytes = encoding switch
        {
            "utf-8" => Encoding.UTF8.GetBytes(text),
            "utf-8 (bom)" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
            "utf-16 (bom)" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            _ => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)],
        };

        var report = await Import(bytes);

        Assert.That(report.Errors, Is.Empty, () => string.Join("; ", report.Errors.Select(e => e.MessageEn)));
        Assert.That(report.Status, Is.EqualTo(ImportStatus.Committed));
        Assert.That(report.Detected!.Encoding, Does.StartWith(encoding.Split(' ')[0]));
        Assert.That(await StoredSubgroupsAsync(), Is.EqualTo(new[] { "koen:kvinde" }));
    }

    [Test]
    public async Task A_file_valid_UTF_8_at_the_start_but_not_later_is_rejected_and_writes_nothing()
    {
        // Past the sniffed prefix, so detection has already chosen UTF-8 when the Windows-1252 byte comes.
        var builder = new StringBuilder("indicator,area,period,value\n");
        var year = 1900;
        while (builder.Length < EncodingSniffer.PrefixBytes + 1000)
            builder.Append("MOVES,AREA-A,").Append(year / 4 + 1000).Append('Q').Append(year++ % 4 + 1).Append(",1\n");
        var head = Encoding.UTF8.GetBytes(builder.ToString());
        var tail = Encoding.GetEncoding(1252).GetBytes("MOVES,Område A,1999Q1,2\n");

        var report = await Import([.. head, .. tail]);

        Assert.That(report.Status, Is.EqualTo(ImportStatus.Rejected));
        Assert.That(report.Errors.Single().Message, Does.Contain("windows-1252"));
        Assert.That(await _test.CountAsync("observations"), Is.Zero);
    }

    [Test]
    public async Task The_encoding_can_be_chosen_and_the_choice_wins_over_detection()
    {
        // Valid UTF-8 bytes ("Ã¸" in Windows-1252): read as chosen, the subgroup is not a declared one.
        var bytes = Encoding.UTF8.GetBytes("indicator,area,period,value,subgroup\nPCT,AREA-A,2023,40,køn:kvinde\n");

        var chosen = await Import(bytes, dryRun: true, encoding: "windows-1252");
        var unknown = await Import(bytes, dryRun: true, encoding: "klingon");

        Assert.That(chosen.Detected!.Encoding, Is.EqualTo("windows-1252"));
        Assert.That(chosen.Status, Is.EqualTo(ImportStatus.Rejected));
        Assert.That(chosen.Errors.Single().Column, Is.EqualTo("subgroup"));
        Assert.That(unknown.Status, Is.EqualTo(ImportStatus.Rejected));
        Assert.That(unknown.Errors.Single().Message, Does.Contain("Ukendt tegnsæt"));
    }

    [Test]
    public async Task A_dry_run_previews_encoding_dialect_layout_columns_and_the_rows_as_stored()
    {
        var report = await Import(Encoding.UTF8.GetBytes(DanishExport), dryRun: true);

        Assert.That(report.Errors, Is.Empty, () => string.Join("; ", report.Errors.Select(e => e.MessageEn)));
        Assert.That(report.Status, Is.EqualTo(ImportStatus.DryRun));
        Assert.That((report.Created, report.Changed, report.Unchanged), Is.EqualTo((2, 0, 0)));
        var detected = report.Detected!;
        Assert.That((detected.Kind, detected.Encoding, detected.Layout), Is.EqualTo(("csv", "utf-8", "long")));
        Assert.That(detected.Columns.Select(c => $"{c.Header}={c.Column}"), Is.EqualTo(new[]
        {
            "Indikator=indicator", "Område=area", "År=period", "Værdi=value", "Tæller=numerator", "Nævner=denominator", "Undergruppe=subgroup",
        }));
        Assert.That(report.Preview!.Select(p => $"{p.Indicator}|{p.Area}|{p.Period}|{p.Subgroup}|{p.Value}"), Is.EqualTo(new[]
        {
            "PCT|AREA-A|2023|koen:kvinde|38", "MOVES|AREA-A|2023Q2||1078",
        }));
        Assert.That(await _test.CountAsync("observations"), Is.Zero);
    }
}
