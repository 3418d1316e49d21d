using System.Globalization;

namespace Monitoring.Ingest.Import.Formats;

/// <summary>
/// The ways exports write a figure that the canonical format does not: Statistics Denmark's
/// missing markers, Danish thousands separators and a percent sign. Turned into the plain form
/// before <see cref="Rules.AsciiNumber"/> reads it, so the number rules stay one set.
/// </summary>
public static class ValueText
{
    /// <summary>
    /// "Not available" as Statistics Denmark (<c>..</c>), Danish tables (<c>-</c>) and an empty cell
    /// write it: the row is skipped and listed, not an error — there is simply no figure.
    /// </summary>
    public static bool IsMissing(string text) => text.Trim() is "" or ".." or "-" or "–";

    /// <summary>
    /// <c>1.078,4</c> → <c>1078,4</c> in a decimal-comma file (dots only in whole groups of three,
    /// so <c>1.07</c> stays an error); <c>40%</c> and <c>40 %</c> → <c>40</c> when
    /// <paramref name="percentAllowed"/>.
    /// </summary>
    public static string Plain(string text, CultureInfo culture, bool percentAllowed)
    {
        var s = text.Trim();
        if (percentAllowed && s.EndsWith('%'))
            s = s[..^1].TrimEnd();
        if (culture.NumberFormat.NumberDecimalSeparator == "," && s.Contains('.', StringComparison.Ordinal) && IsGrouped(s))
            s = s.Replace(".", "", StringComparison.Ordinal);
        return s;
    }

    private static bool IsGrouped(string s)
    {
        var start = s.Length > 0 && s[0] is '-' or '+' ? 1 : 0;
        var comma = s.IndexOf(',', StringComparison.Ordinal);
        var whole = s[start..(comma < 0 ? s.Length : comma)];
        var groups = whole.Split('.');
        if (groups[0].Length is < 1 or > 3)
            return false;
        foreach (var g in groups)
        {
            foreach (var c in g)
            {
                if (c is < '0' or > '9')
                    return false;
            }
        }
        return groups.Skip(1).All(g => g.Length == 3);
    }
}
