using Monitoring.Ingest.Reports;
using Monitoring.Ingest.Reports.Brief;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Monitoring.Tests.Ingest.Reports;

/// <summary>Measured wrapping: no line wider than its box, heights known before drawing, cuts marked and counted text kept.</summary>
public class TextBlockTests
{
    private PdfDocument _document = null!;
    private XGraphics _gfx = null!;
    private XFont _font = null!;

    [SetUp]
    public void Open()
    {
        ShippedFontResolver.Install();
        _document = new PdfDocument();
        _gfx = XGraphics.FromPdfPage(_document.AddPage());
        _font = new XFont(ShippedFontResolver.Family, 9, XFontStyleEx.Regular);
    }

    [TearDown]
    public void Close()
    {
        _gfx.Dispose();
        _document.Dispose();
    }

    [Test]
    public void Every_line_fits_its_width_and_the_height_counts_every_line()
    {
        var text = string.Join(' ', Enumerable.Repeat("Bestyrelsen bedes tage stilling til jobindsatsen i Storparken.", 12)) + " Ekstraordinærtlangtsammensatordudenmellemrumoverhovedetnogensinde";

        var block = TextBlock.Wrap(_gfx, text, _font, XBrushes.Black, 150);

        Assert.That(block.LineCount, Is.GreaterThan(10));
        Assert.That(block.Lines.Select(l => _gfx.MeasureString(l, _font).Width), Has.All.LessThanOrEqualTo(150.01));
        Assert.That(block.Height, Is.EqualTo(block.LineCount * (_font.GetHeight() + 1)).Within(1e-9));
        Assert.That(string.Concat(block.Lines).Replace(" ", "", StringComparison.Ordinal), Is.EqualTo(text.Replace(" ", "", StringComparison.Ordinal)));
        Assert.That(block.Truncated, Is.False);
    }

    [Test]
    public void A_shortened_text_ends_in_an_ellipsis_and_keeps_its_tail()
    {
        var text = string.Join(' ', Enumerable.Repeat("Samarbejdet med jobcentret skal drøftes.", 10));
        var tail = new TextRun("(Sekretariatet · + 2 sager mere)", _font, XBrushes.Gray);

        var block = TextBlock.Wrap(_gfx, [new TextRun(text, _font, XBrushes.Black)], 200, maxLines: 2, tail: tail);

        Assert.That(block.LineCount, Is.EqualTo(2));
        Assert.That(block.Truncated, Is.True);
        Assert.That(block.Lines.Last(), Does.EndWith("(Sekretariatet · + 2 sager mere)"));
        Assert.That(string.Join(" ", block.Lines), Does.Contain("… "));
        Assert.That(block.Lines.Select(l => _gfx.MeasureString(l, _font).Width), Has.All.LessThanOrEqualTo(200.01));
    }

    [Test]
    public void A_unit_stays_on_its_number_s_line()
    {
        var block = TextBlock.Wrap(_gfx, "seneste 35,0 % (2021), mål 25,0 % i 2026 og 1.200 kr. pr. beboer", _font, XBrushes.Black, 60);

        Assert.That(block.Lines, Has.None.StartWith("%").And.None.StartWith("kr."));
    }
}
