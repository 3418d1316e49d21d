using System.Globalization;
using System.Xml.Linq;

namespace Monitoring.Tests.Support;

/// <summary>A line of words as poppler placed them on a page (points, origin top left).</summary>
public sealed record PdfTextLine(string Text, double XMin, double YMin, double XMax, double YMax)
{
    /// <summary>The boxes share area (touching edges within <paramref name="slack"/> points do not count).</summary>
    public bool Overlaps(PdfTextLine other, double slack = 0.3) =>
        XMin < other.XMax - slack && other.XMin < XMax - slack && YMin < other.YMax - slack && other.YMin < YMax - slack;
}

/// <summary>
/// Reads <c>pdftotext -bbox</c> output (XHTML, one &lt;word&gt; per word with its box) and groups
/// words into lines: the same top edge (within half a point) and a gap to the previous word of at
/// most twice the word height, so text drawn on top of other text shows up as two lines that meet.
/// </summary>
public static class PdfWordBoxes
{
    public static IReadOnlyList<PdfTextLine> Lines(string pdfFile)
    {
        var pdftotext = SystemTool.Require("/usr/bin/pdftotext", "poppler-utils");
        var xhtml = SystemTool.Run(pdftotext, "-bbox", pdfFile, "-");
        var words = XDocument.Parse(xhtml).Descendants().Where(e => e.Name.LocalName == "word")
            .Select(e => new PdfTextLine(e.Value, Read(e, "xMin"), Read(e, "yMin"), Read(e, "xMax"), Read(e, "yMax")))
            .OrderBy(w => Math.Round(w.YMin * 2) / 2).ThenBy(w => w.XMin)
            .ToList();
        var lines = new List<PdfTextLine>();
        foreach (var word in words)
        {
            var last = lines.Count > 0 ? lines[^1] : null;
            if (last is not null && Math.Abs(last.YMin - word.YMin) <= 0.5 && word.XMin >= last.XMax - 0.3
                && word.XMin - last.XMax <= 2 * (word.YMax - word.YMin))
            {
                lines[^1] = new PdfTextLine(last.Text + " " + word.Text, last.XMin, Math.Min(last.YMin, word.YMin), word.XMax, Math.Max(last.YMax, word.YMax));
            }
            else
            {
                lines.Add(word);
            }
        }
        return lines;
    }

    /// <summary>Every pair of lines whose boxes intersect.</summary>
    public static IReadOnlyList<(PdfTextLine A, PdfTextLine B)> Overlapping(IReadOnlyList<PdfTextLine> lines) =>
        [.. from i in Enumerable.Range(0, lines.Count)
            from j in Enumerable.Range(i + 1, lines.Count - i - 1)
            where lines[i].Overlaps(lines[j])
            select (lines[i], lines[j])];

    private static double Read(XElement word, string name) =>
        double.Parse(word.Attribute(name)!.Value, CultureInfo.InvariantCulture);
}
