using System.Globalization;
using Monitoring.Core.Charts;
using Monitoring.Core.Evaluation;
using Monitoring.Core.Model;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace Monitoring.Ingest.Reports;

/// <summary>One line of the brief: a target with its sparkline.</summary>
public sealed record BriefTarget(TargetEvaluation Evaluation, Indicator Indicator, string ScopeName, byte[] Sparkline, bool Stale);

/// <summary>A goal in the brief, and the secretariat's latest word on it, if any.</summary>
public sealed record BriefGoal(GoalEvaluation Goal, IReadOnlyList<BriefTarget> Targets, string? Comment);

/// <summary>
/// The one-page A4 board brief (the handbook's "pixi" report): every strategic goal with status
/// symbol, colour and text, a sparkline per key indicator, latest against target, and the matters
/// for the board. Content that does not fit is cut with a note, never spilled onto a second page.
/// </summary>
public static class BoardBriefDocument
{
    private const double Margin = 40;
    private const int MaxTargetsPerGoal = 4;
    /// <summary>The brief is read by the board: dates and figures in it are written the Danish way.</summary>
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    public static byte[] Render(Plan plan, PlanEvaluation evaluation, IReadOnlyList<BriefGoal> goals, DateOnly date)
    {
        ShippedFontResolver.Install();
        var document = new PdfDocument();
        document.Info.Title = $"Bestyrelsesnotat – {plan.Name}";
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var title = new XFont(ShippedFontResolver.Family, 16, XFontStyleEx.Bold);
            var heading = new XFont(ShippedFontResolver.Family, 11, XFontStyleEx.Bold);
            var text = new XFont(ShippedFontResolver.Family, 8.5, XFontStyleEx.Regular);
            var small = new XFont(ShippedFontResolver.Family, 7, XFontStyleEx.Regular);
            var width = page.Width.Point - 2 * Margin;
            var bottom = page.Height.Point - Margin - 120;
            var y = Margin;
            gfx.DrawString(plan.Name, title, XBrushes.Black, new XRect(Margin, y, width, 20), XStringFormats.TopLeft);
            y += 22;
            var asOf = evaluation.AsOf is { } p ? $" · data til og med {p.ToDanishString()}" : "";
            gfx.DrawString(string.Create(Danish, $"Bestyrelsesnotat {date:dd-MM-yyyy}{asOf} · {plan.FundingPeriod}"), text, XBrushes.Gray, new XRect(Margin, y, width, 12), XStringFormats.TopLeft);
            y += 20;

            foreach (var goal in goals)
            {
                if (y > bottom)
                {
                    gfx.DrawString("… flere mål på dashboardet.", small, XBrushes.Gray, new XRect(Margin, y, width, 10), XStringFormats.TopLeft);
                    break;
                }
                var status = goal.Goal.Status;
                var brush = new XSolidBrush(XColor.FromArgb(ParseHex(StatusPalette.Color(status))));
                gfx.DrawString($"{StatusPalette.Symbol(status)} {TargetStatusText.Danish(status)}", heading, brush, new XRect(Margin, y, 110, 14), XStringFormats.TopLeft);
                var goalTitle = goal.Goal.Goal.Title + (goal.Goal.Score is { } s ? string.Create(Danish, $" · score {s * 100:0} %") : "");
                var titleWidth = width - 110;
                var wraps = gfx.MeasureString(goalTitle, heading).Width > titleWidth;
                new XTextFormatter(gfx).DrawString(goalTitle, heading, XBrushes.Black, new XRect(Margin + 110, y, titleWidth, wraps ? 28 : 14));
                y += wraps ? 30 : 17;
                foreach (var target in goal.Targets.Take(MaxTargetsPerGoal))
                {
                    using (var image = XImage.FromStream(new MemoryStream(target.Sparkline)))
                        gfx.DrawImage(image, Margin + 10, y, 80, 20);
                    var e = target.Evaluation;
                    var latest = e.Latest is { } l ? $"{ValueFormat.Da(l.Value, target.Indicator)} ({l.Period.ToDanishString()})" : "–";
                    var goalValue = e.Target is { } t ? $"{ValueFormat.Da(t.Value, target.Indicator)} i {t.Period.ToDanishString()}" : "–";
                    var line = $"{target.Indicator.Name}, {target.ScopeName}: seneste {latest}, mål {goalValue} – {TargetStatusText.Danish(e.Status)}";
                    if (target.Stale)
                        line += " · FORÆLDEDE DATA";
                    new XTextFormatter(gfx).DrawString(line, text, XBrushes.Black, new XRect(Margin + 100, y + 1, width - 100, 22));
                    y += 24;
                }
                if (goal.Targets.Count > MaxTargetsPerGoal)
                {
                    gfx.DrawString($"+ {goal.Targets.Count - MaxTargetsPerGoal} mål mere", small, XBrushes.Gray, new XRect(Margin + 100, y, width, 10), XStringFormats.TopLeft);
                    y += 11;
                }
                if (goal.Targets.Count == 0)
                {
                    gfx.DrawString("Ingen målbar indikator.", small, XBrushes.Gray, new XRect(Margin + 10, y, width, 10), XStringFormats.TopLeft);
                    y += 12;
                }
                y += 6;
            }

            y = Math.Max(y + 4, page.Height.Point - Margin - 110);
            gfx.DrawLine(XPens.LightGray, Margin, y - 4, Margin + width, y - 4);
            gfx.DrawString("Sager til bestyrelsen", heading, XBrushes.Black, new XRect(Margin, y, width, 14), XStringFormats.TopLeft);
            y += 16;
            var matters = goals.Where(g => g.Goal.NeedsAction).ToList();
            var lines = matters.Count == 0
                ? ["Ingen mål er i risiko eller ude af sporet."]
                : matters.Select(g => $"{StatusPalette.Symbol(g.Goal.Status)} {g.Goal.Goal.Title} ({TargetStatusText.Danish(g.Goal.Status)})" +
                    (g.Comment is null ? "" : $": {g.Comment}")).ToList();
            var stale = goals.SelectMany(g => g.Targets).Where(t => t.Stale).Select(t => t.Indicator.Name).Distinct().ToList();
            if (stale.Count > 0)
                lines.Add("Forældede data: " + string.Join(", ", stale) + ".");
            foreach (var line in lines.Take(6))
            {
                new XTextFormatter(gfx).DrawString("• " + line, text, XBrushes.Black, new XRect(Margin, y, width, 22));
                y += 15;
            }
        }
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private static int ParseHex(string hex) => unchecked((int)(0xFF000000 | Convert.ToUInt32(hex.TrimStart('#'), 16)));
}
