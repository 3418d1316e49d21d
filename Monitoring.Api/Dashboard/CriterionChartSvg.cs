using System.Globalization;
using System.Text;
using Monitoring.Core.Classification;

namespace Monitoring.Api.Dashboard;

/// <summary>
/// A small inline SVG of a criterion over the lists: the value as a line (dashed where projected), the threshold
/// as a grey step line, so a board sees how far from the line the area is and where the trend takes it.
/// </summary>
public static class CriterionChartSvg
{
    private const double Width = 320, Height = 120, Left = 44, Right = 8, Top = 8, Bottom = 20;

    public static string Render(CriterionChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var values = chart.Points.SelectMany(p => new[] { p.Value, p.Threshold }).OfType<double>().ToList();
        if (values.Count == 0 || chart.Points.Count < 2)
            return "";
        var (low, high) = (values.Min(), values.Max());
        if (high - low < 1e-9)
            (low, high) = (low - 1, high + 1);
        var pad = (high - low) * 0.1;
        (low, high) = (low - pad, high + pad);
        var first = chart.Points[0].ListYear;
        var last = chart.Points[^1].ListYear;
        double X(int year) => Left + (Width - Left - Right) * (year - first) / Math.Max(1, last - first);
        double Y(double v) => Top + (Height - Top - Bottom) * (high - v) / (high - low);
        static string F(double d) => d.ToString("0.#", CultureInfo.InvariantCulture);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"criterion-chart\" viewBox=\"0 0 {F(Width)} {F(Height)}\" width=\"{F(Width)}\" height=\"{F(Height)}\" role=\"img\">");
        // A screen reader, a print and a search get the chart in words: what it shows and where the area stands.
        // <title> as the first child names the image (no ids: a page shows the same indicator for several areas).
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Html.E(chart.Name)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc>{Html.E(Description(chart))}</desc>");
        // The threshold, held until the next list (a step), since it changes only with a list.
        var steps = new StringBuilder();
        CriterionChartPoint? previous = null;
        foreach (var point in chart.Points.Where(p => p.Threshold is not null))
        {
            steps.Append(previous is null ? $"M{F(X(point.ListYear))},{F(Y(point.Threshold!.Value))}" : $" H{F(X(point.ListYear))} V{F(Y(point.Threshold!.Value))}");
            previous = point;
        }
        if (steps.Length > 0)
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"threshold\" d=\"{steps}\" fill=\"none\" stroke=\"#888\" stroke-width=\"1.5\"/>");
        // The threshold's value at the latest list, written at the line's end, so the grey line has a number.
        if (chart.Points.LastOrDefault(p => p.Threshold is not null) is { } latest)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"threshold-label\" x=\"{F(Width - Right)}\" y=\"{F(Y(latest.Threshold!.Value) - 3)}\" font-size=\"9\" text-anchor=\"end\" fill=\"#555\">grænse {Html.E(ClassificationText.Value(latest.Threshold.Value, chart.Unit, chart.Decimals))}</text>");
        }
        svg.Append(Line(chart.Points.Where(p => !p.Projected), X, Y, "observed", ""));
        // The projection starts at the last judged list so the two lines join.
        var lastObserved = chart.Points.LastOrDefault(p => !p.Projected && p.Value is not null);
        svg.Append(Line(chart.Points.Where(p => p.Projected).Prepend(lastObserved).OfType<CriterionChartPoint>(), X, Y, "projected", " stroke-dasharray=\"4 3\""));
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"2\" y=\"{F(Y(high - pad) + 4)}\" font-size=\"9\">{Html.E(ClassificationText.Value(high - pad, chart.Unit, chart.Decimals))}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"2\" y=\"{F(Y(low + pad))}\" font-size=\"9\">{Html.E(ClassificationText.Value(low + pad, chart.Unit, chart.Decimals))}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(Left)}\" y=\"{F(Height - 4)}\" font-size=\"9\">{first}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(Width - Right)}\" y=\"{F(Height - 4)}\" font-size=\"9\" text-anchor=\"end\">{last}</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The chart in one Danish sentence: the span, the latest judged value against its threshold, and what is projected.</summary>
    private static string Description(CriterionChart chart)
    {
        var text = $"{chart.Name} ved listerne {chart.Points[0].ListYear}–{chart.Points[^1].ListYear} (blå) mod grænsen (grå).";
        if (chart.Points.LastOrDefault(p => !p.Projected && p.Value is not null) is { } observed)
        {
            text += $" Listen {observed.ListYear}: {ClassificationText.Value(observed.Value!.Value, chart.Unit, chart.Decimals)}" +
                (observed.Threshold is { } t ? $", grænsen {ClassificationText.Value(t, chart.Unit, chart.Decimals)}." : ".");
        }
        if (chart.Points.LastOrDefault(p => p.Projected && p.Value is not null) is { } projected)
            text += $" Fremskrevet (stiplet) til listen {projected.ListYear}: {ClassificationText.Value(projected.Value!.Value, chart.Unit, chart.Decimals)}.";
        return text;
    }

    private static string Line(IEnumerable<CriterionChartPoint> points, Func<int, double> x, Func<double, double> y, string css, string dash)
    {
        var coordinates = points.Where(p => p.Value is not null)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{x(p.ListYear):0.#},{y(p.Value!.Value):0.#}")).ToList();
        return coordinates.Count < 2
            ? ""
            : $"<polyline class=\"{css}\" points=\"{string.Join(" ", coordinates)}\" fill=\"none\" stroke=\"#0072B2\" stroke-width=\"2\"{dash}/>";
    }
}
