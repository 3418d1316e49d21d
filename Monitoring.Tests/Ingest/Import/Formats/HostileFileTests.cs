using System.Text;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Ingest.Import.Formats;

/// <summary>Files that are broken or built to hurt: each a clear error, nothing written, memory bounded.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class HostileFileTests(DatabaseProvider provider)
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

    private async Task<RowError> RejectedAsync(byte[] content)
    {
        var report = await RejectAsync(content);
        return report.Errors[0];
    }

    private async Task<ImportReport> RejectAsync(byte[] content)
    {
        var report = await _test.Importer().ImportAsync(new ImportRequest(content, "hostile.csv", "test", "tester", false));
        Assert.That(report.Status, Is.EqualTo(ImportStatus.Rejected));
        Assert.That(report.Errors, Is.Not.Empty);
        Assert.That(await _test.CountAsync("observations"), Is.Zero);
        Assert.That(await _test.CountAsync("series"), Is.Zero);
        return report;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Test]
    public async Task An_empty_file() =>
        Assert.That((await RejectedAsync([])).Message, Does.Contain("tom"));

    [Test]
    public async Task A_header_only() =>
        Assert.That((await RejectedAsync(Utf8("indicator,area,period,value\n"))).Message, Does.Contain("ingen datarækker"));

    [Test]
    public async Task Binary_garbage()
    {
        var garbage = new byte[4096];
        new Random(13).NextBytes(garbage);
        Assert.That((await RejectedAsync(garbage)).Message, Does.Contain("binære data"));
    }

    [Test]
    public async Task A_10_MB_line()
    {
        var line = new string('7', 10 << 20);
        var error = await RejectedAsync(Utf8($"indicator,area,period,value\nPCT,AREA-A,2023,{line}\n"));
        Assert.That((error.Row, error.Column), Is.EqualTo((2, "value")));
        Assert.That(error.Message.Length + error.MessageEn.Length + error.Value!.Length, Is.LessThan(1000), "the line is not echoed");
    }

    [Test]
    public async Task Ten_thousand_columns()
    {
        var header = "indicator,area,period,value," + string.Join(",", Enumerable.Range(0, 10_000).Select(i => $"c{i}"));
        Assert.That((await RejectedAsync(Utf8(header + "\nPCT,AREA-A,2023,40\n"))).Message, Does.Contain("højst 1000"));
    }

    [Test]
    public async Task Unbalanced_quotes()
    {
        var rows = string.Concat(Enumerable.Range(0, 100).Select(i => $"PCT,AREA-A,{1950 + i},40\n"));
        var error = await RejectedAsync(Utf8("indicator,area,period,value\n\"PCT,AREA-A,2023,40\n" + rows));
        Assert.That(error.Message, Is.Not.Empty);
    }

    [Test]
    public async Task A_broken_spreadsheet() =>
        Assert.That((await RejectedAsync([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0])).MessageEn, Does.Contain("spreadsheet cannot be read"));

    [Test]
    public async Task A_spreadsheet_declaring_a_huge_dimension()
    {
        // The declared 16,384 × 1,048,576 is not trusted: only the rows present are read.
        var sheet = "<dimension ref=\"A1:XFD1048576\"/><sheetData>" + Xlsx.Row(1, "indicator", "area", "period", "value") + "</sheetData>";
        Assert.That((await RejectedAsync(Xlsx.Workbook(("Ark1", sheet)))).Message, Does.Contain("ingen datarækker"));
    }

    [Test]
    public async Task A_spreadsheet_row_with_a_cell_far_to_the_right()
    {
        // A cell in column XFD makes every row 16,384 wide: refused as too many columns, not allocated row after row.
        var sheet = "<sheetData>" + Xlsx.Row(1, "indicator", "area", "period", "value").Replace("</row>", "<c r=\"XFD1\" t=\"inlineStr\"><is><t>x</t></is></c></row>", StringComparison.Ordinal) + "</sheetData>";
        Assert.That((await RejectedAsync(Xlsx.Workbook(("Ark1", sheet)))).Message, Does.Contain("højst 1000"));
    }

    [Test]
    public async Task A_spreadsheet_bomb_is_refused_before_it_is_unpacked_naming_the_part()
    {
        // 64 MB of one shared string repeated packs to about 64 KB; the bomb seen in use was 3.2 MB unpacking to 1.5 GB.
        var workbook = Xlsx.Workbook(("Ark1", "<sheetData>" + Xlsx.Row(1, "indicator", "area", "period", "value") + "</sheetData>"));
        using (var buffer = new MemoryStream())
        {
            buffer.Write(workbook);
            using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
            {
                await using var part = zip.CreateEntry("xl/sharedStrings.xml", System.IO.Compression.CompressionLevel.Optimal).Open();
                var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<si><t>aaaaaaaa</t></si>", 1 << 14)));
                for (var written = 0L; written < 64L << 20; written += chunk.Length)
                    part.Write(chunk);
            }
            workbook = buffer.ToArray();
        }
        Assert.That(workbook.Length, Is.LessThan(1 << 20));

        var error = await RejectedAsync(workbook);

        Assert.That(error.Message, Does.Contain("Regnearket afvises: delen 'xl/sharedStrings.xml'").And.Contain("zip-bombe"));
        Assert.That(error.MessageEn, Does.Contain("part 'xl/sharedStrings.xml'").And.Contain("the limit is 100 times"));
    }

    [Test]
    public async Task A_spreadsheet_with_deeply_nested_XML()
    {
        var nested = string.Concat(Enumerable.Repeat("<x>", 100_000)) + string.Concat(Enumerable.Repeat("</x>", 100_000));
        var sheet = "<sheetData>" + Xlsx.Row(1, "indicator", "area", "period", "value") + "<row r=\"2\">" + nested + "</row></sheetData>";
        var report = await RejectAsync(Xlsx.Workbook(("Ark1", sheet)));
        Assert.That(report.Errors[0].Message, Is.Not.Empty);
    }

    [Test]
    public async Task A_formula_typed_into_a_csv_cell_is_an_error_naming_it_not_a_value()
    {
        var error = await RejectedAsync(Utf8("indicator,area,period,value\nPCT,AREA-A,2023,=40+2\n"));
        Assert.That((error.Row, error.Column, error.Value), Is.EqualTo((2, "value", "=40+2")));
    }

    [Test]
    public async Task A_spreadsheet_formula_gives_its_stored_result_and_a_formula_without_one_is_an_error()
    {
        // Excel stores the last computed result beside the formula; the importer never evaluates formulas.
        var computed = "<sheetData>" + Xlsx.Row(1, "indicator", "area", "period", "value") +
            "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>PCT</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>AREA-A</t></is></c>" +
            "<c r=\"C2\"><v>2023</v></c><c r=\"D2\"><f>SUM(40,2)</f><v>42</v></c></row></sheetData>";
        var unevaluated = computed.Replace("<v>42</v>", "", StringComparison.Ordinal);

        var report = await _test.Importer().ImportAsync(new ImportRequest(Xlsx.Workbook(("Ark1", computed)), "formel.xlsx", "test", "tester", true));
        var error = await RejectedAsync(Xlsx.Workbook(("Ark1", unevaluated)));

        Assert.That(report.Errors, Is.Empty, () => string.Join("; ", report.Errors.Select(e => e.MessageEn)));
        Assert.That(report.Preview!.Single().Value, Is.EqualTo(42));
        Assert.That((error.Row, error.Column), Is.EqualTo((2, "value")));
    }
}
