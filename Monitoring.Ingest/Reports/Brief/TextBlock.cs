using PdfSharp.Drawing;

namespace Monitoring.Ingest.Reports.Brief;

/// <summary>A run of text in one font; a line may mix runs (a bold lead, then regular text).</summary>
public sealed record TextRun(string Text, XFont Font, XBrush Brush);

/// <summary>
/// Text wrapped by measuring each word with the font it is drawn in, so the brief knows the exact
/// height of every paragraph before drawing it and nothing is printed on top of the next line.
/// (XTextFormatter draws into a fixed rectangle and silently overflows it, which is how a long
/// comment used to land on the next bullet.)
/// </summary>
public sealed class TextBlock
{
    private readonly record struct Word(string Text, XFont Font, XBrush Brush, double Width);

    private readonly List<List<Word>> _lines;
    private readonly double _spaceWidth;

    private TextBlock(List<List<Word>> lines, double lineHeight, double spaceWidth, bool truncated)
    {
        _lines = lines;
        LineHeight = lineHeight;
        _spaceWidth = spaceWidth;
        Truncated = truncated;
    }

    public int LineCount => _lines.Count;

    public double LineHeight { get; }

    public double Height => _lines.Count * LineHeight;

    /// <summary>Lines were left out (the last line kept ends in an ellipsis).</summary>
    public bool Truncated { get; }

    public IEnumerable<string> Lines => _lines.Select(l => string.Join(' ', l.Select(w => w.Text)));

    /// <summary>Wraps one run of text.</summary>
    public static TextBlock Wrap(XGraphics gfx, string text, XFont font, XBrush brush, double width, int maxLines = int.MaxValue, double leading = 1) =>
        Wrap(gfx, [new TextRun(text, font, brush)], width, maxLines, leading);

    /// <summary>
    /// Wraps runs into lines no wider than <paramref name="width"/>; a word wider than a whole line is
    /// broken by characters. At most <paramref name="maxLines"/> lines: words are taken off the end of
    /// the runs and the last one kept ends in "…", while <paramref name="tail"/> (a count of what is
    /// left out, say) is always kept whole. The line height is the tallest font's line spacing plus
    /// <paramref name="leading"/> points.
    /// </summary>
    public static TextBlock Wrap(XGraphics gfx, IReadOnlyList<TextRun> runs, double width, int maxLines = int.MaxValue, double leading = 1, TextRun? tail = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLines, 1);
        var all = tail is null ? runs : [.. runs, tail];
        var words = Words(gfx, runs, width);
        var tailWords = tail is null ? [] : Words(gfx, [tail], width);
        var lineHeight = all.Max(r => r.Font.GetHeight()) + leading;
        var spaceWidth = gfx.MeasureString(" ", runs[0].Font).Width;
        var lines = Break([.. words, .. tailWords], width, spaceWidth);
        var truncated = lines.Count > maxLines;
        while (lines.Count > maxLines && words.Count > 1)
        {
            words.RemoveAt(words.Count - 1);
            var last = words[^1];
            var text = last.Text.TrimEnd('.', ',', ';', ':') + "…";
            List<Word> shortened = [.. words.Take(words.Count - 1), last with { Text = text, Width = gfx.MeasureString(text, last.Font).Width }];
            lines = Break([.. shortened, .. tailWords], width, spaceWidth);
        }
        if (lines.Count > maxLines)
            lines.RemoveRange(maxLines, lines.Count - maxLines);
        return new TextBlock(lines, lineHeight, spaceWidth, truncated);
    }

    /// <summary>Draws the lines from (x, y) downwards, top-left aligned; returns the height used.</summary>
    public double Draw(XGraphics gfx, double x, double y)
    {
        for (var i = 0; i < _lines.Count; i++)
        {
            var left = x;
            foreach (var word in _lines[i])
            {
                gfx.DrawString(word.Text, word.Font, word.Brush, new XPoint(left, y + i * LineHeight), XStringFormats.TopLeft);
                left += word.Width + _spaceWidth;
            }
        }
        return Height;
    }

    /// <summary>The widest any line is drawn (for placing things beside a short line).</summary>
    public double Width => _lines.Count == 0 ? 0 : _lines.Max(l => l.Sum(w => w.Width) + _spaceWidth * (l.Count - 1));

    /// <summary>Words split at spaces, with a unit kept on its number's line ("35,0 %", "1.200 kr.").</summary>
    private static List<string> Pieces(string text)
    {
        var pieces = new List<string>();
        foreach (var piece in text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (pieces.Count > 0 && piece.TrimEnd(',', '.', ')', ';', ':') is "%" or "kr")
                pieces[^1] += " " + piece;
            else
                pieces.Add(piece);
        }
        return pieces;
    }

    private static IEnumerable<Word> BreakLongWord(XGraphics gfx, string piece, TextRun run, double width)
    {
        var whole = gfx.MeasureString(piece, run.Font).Width;
        if (whole <= width)
        {
            yield return new Word(piece, run.Font, run.Brush, whole);
            yield break;
        }
        var start = 0;
        while (start < piece.Length)
        {
            var length = 1;
            while (start + length < piece.Length && gfx.MeasureString(piece.Substring(start, length + 1), run.Font).Width <= width)
                length++;
            var part = piece.Substring(start, length);
            yield return new Word(part, run.Font, run.Brush, gfx.MeasureString(part, run.Font).Width);
            start += length;
        }
    }

    private static List<Word> Words(XGraphics gfx, IReadOnlyList<TextRun> runs, double width)
    {
        var words = new List<Word>();
        foreach (var run in runs)
        {
            foreach (var piece in Pieces(run.Text))
                words.AddRange(BreakLongWord(gfx, piece, run, width));
        }
        return words;
    }

    /// <summary>Greedy line breaking over measured words.</summary>
    private static List<List<Word>> Break(IEnumerable<Word> words, double width, double spaceWidth)
    {
        var lines = new List<List<Word>>();
        var current = new List<Word>();
        var used = 0.0;
        foreach (var word in words)
        {
            var needed = current.Count == 0 ? word.Width : used + spaceWidth + word.Width;
            if (current.Count > 0 && needed > width)
            {
                lines.Add(current);
                current = [];
                needed = word.Width;
            }
            current.Add(word);
            used = needed;
        }
        if (current.Count > 0)
            lines.Add(current);
        return lines;
    }
}
