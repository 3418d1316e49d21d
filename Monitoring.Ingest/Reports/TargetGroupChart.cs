using System.Globalization;
using Monitoring.Core.Charts;
using Monitoring.Core.Evaluation;
using Monitoring.Core.Surveys;
using ScottPlot;

namespace Monitoring.Ingest.Reports;

/// <summary>
/// Target groups side by side: one horizontal bar per shown group with its Wilson 95 % interval
/// drawn across it, and a star after the name where the change since the previous wave is
/// significant. Withheld groups keep their row and say so. The title names indicator, area and wave.
/// </summary>
public static class TargetGroupChart
{
    public static string Title(TargetGroupComparison comparison) =>
        $"{comparison.Indicator.Name} – {comparison.Area.Name}, {comparison.Wave.ToDanishString()}";

    public static string AltText(TargetGroupComparison comparison) =>
        $"{Title(comparison)}, efter målgruppe: " + string.Join("; ", comparison.Groups.Select(g => g.Withheld
            ? $"{g.Label}: for få svar"
            : $"{g.Label} {ValueFormat.Da(g.Value!.Value, comparison.Indicator)} (95 %-interval {Bound(g.Lower)}–{Bound(g.Upper)})" + (g.SignificantChange ? ", signifikant ændring" : "")));

    public static string Svg(TargetGroupComparison comparison, int width, int height)
    {
        var svg = Build(comparison).GetSvgXml(width, height);
        var close = svg.IndexOf('>', svg.IndexOf("<svg", StringComparison.Ordinal));
        var escape = (string s) => System.Security.SecurityElement.Escape(s) ?? "";
        return svg.Insert(close + 1, $"<title>{escape(Title(comparison))}</title><desc>{escape(AltText(comparison))}</desc>");
    }

    public static byte[] Png(TargetGroupComparison comparison, int width, int height) =>
        Build(comparison).GetImageBytes(width, height, ImageFormat.Png);

    private static Plot Build(TargetGroupComparison comparison)
    {
        ChartRenderer.EnsureFonts();
        var plot = new Plot();
        plot.Font.Set(ChartRenderer.FontName);
        var groups = comparison.Groups;
        var labels = new string[groups.Count];
        for (var i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            var y = groups.Count - 1 - i;
            var name = g.Label.Length > 34 ? g.Label[..33] + "…" : g.Label;
            labels[i] = g.Withheld ? $"{name} (for få svar)" : g.SignificantChange ? $"{name} *" : name;
            if (g.Withheld || g.Value is not { } value)
                continue;
            var bar = plot.Add.Bar(y, value);
            bar.Horizontal = true;
            bar.Color = Color.FromHex(g.Subgroup.Length == 0 ? StatusPalette.Observed : StatusPalette.Band);
            if (g is { Lower: { } low, Upper: { } high })
            {
                var line = plot.Add.Line(low, y, high, y);
                line.Color = Colors.Black;
                line.LineWidth = 2;
                plot.Add.Marker(low, y, MarkerShape.VerticalBar, 12, Colors.Black);
                plot.Add.Marker(high, y, MarkerShape.VerticalBar, 12, Colors.Black);
            }
        }
        plot.Axes.Left.SetTicks(Enumerable.Range(0, groups.Count).Select(i => (double)(groups.Count - 1 - i)).ToArray(), labels);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = x => x.ToString("0", CultureInfo.InvariantCulture) + " %",
        };
        plot.Axes.SetLimits(0, 100, -0.7, Math.Max(0.7, groups.Count - 0.3));
        plot.Title(Title(comparison));
        plot.Axes.Bottom.Label.Text = comparison.PreviousWave is { } previous
            ? $"Andel med 95 %-konfidensinterval; * = signifikant ændret siden {previous.ToDanishString()}"
            : "Andel med 95 %-konfidensinterval";
        return plot;
    }

    private static string Bound(double? value) => value is { } v ? ValueFormat.Da(v, 1) : "–";
}
