using System.Globalization;
using Monitoring.Core.Charts;
using Monitoring.Core.Evaluation;
using Monitoring.Core.Model;
using Monitoring.Ingest.Reports.Brief;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Monitoring.Ingest.Reports;

/// <summary>One line of the brief: a target with its sparkline.</summary>
public sealed record BriefTarget(TargetEvaluation Evaluation, Indicator Indicator, string ScopeName, byte[] Sparkline, bool Stale);

/// <summary>
/// A goal in the brief: the secretariat's decisions for the board on it (newest first) and its
/// latest note, which the brief falls back to when there is no decision.
/// </summary>
public sealed record BriefGoal(GoalEvaluation Goal, IReadOnlyList<BriefTarget> Targets, IReadOnlyList<Comment> Decisions, Comment? LatestNote);

/// <summary>What the brief says about itself: written on, data through, covered periods, next meeting, and the sub-agreements' standing.</summary>
public sealed record BriefContext(
    DateOnly Date, string? PeriodCovered, DateOnly? NextMeeting, bool StaleAgainstAsOf, IReadOnlyList<BriefSubAgreement>? SubAgreements = null);

/// <summary>One line of the brief per sub-agreement: how many of its activities run on schedule, are delayed or stopped.</summary>
public sealed record BriefSubAgreement(string Title, string SteeringGroup, int OnSchedule, int Delayed, int Stopped);

/// <summary>
/// The one-page A4 board brief (the handbook's "pixi" report): the matters the board is asked to
/// decide first, then what goes well, then every strategic goal with status symbol and text, a
/// sparkline per indicator and latest against target. Every paragraph is measured before it is
/// drawn (<see cref="TextBlock"/>); lists shrink (<see cref="BriefDensity"/>) and are cut with a
/// count ("+ 3 mål mere"), never spilled onto a second page.
/// </summary>
public static class BoardBriefDocument
{
    /// <summary>The brief is read by the board: dates and figures in it are written the Danish way.</summary>
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    public static byte[] Render(Plan plan, PlanEvaluation evaluation, IReadOnlyList<BriefGoal> goals, BriefContext context)
    {
        ShippedFontResolver.Install();
        var document = new PdfDocument();
        document.Info.Title = $"Bestyrelsesnotat – {plan.Name}";
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            // The richest density at which everything fits whole; else the richest at which every
            // goal and every matter for the board is still there (lists shortened); else the
            // smallest, which counts what it leaves out.
            var trials = BriefDensity.Ladder.Select(density =>
            {
                var trial = new BriefPage(gfx, page.Width.Point, page.Height.Point, density, draw: false);
                trial.Write(plan, evaluation, goals, context);
                return (density, trial.Cut, trial.Dropped);
            }).ToList();
            var chosen = trials.FirstOrDefault(t => !t.Cut).density
                ?? trials.FirstOrDefault(t => !t.Dropped).density
                ?? BriefDensity.Ladder[^1];
            new BriefPage(gfx, page.Width.Point, page.Height.Point, chosen, draw: true).Write(plan, evaluation, goals, context);
        }
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    /// <summary>Score through the one formatter the dashboard uses too, so both read the same (0.625 → 63 %).</summary>
    internal static string Percent(double share) => ValueFormat.Percent(share);

    internal static string DanishDate(DateOnly date) => date.ToString("d. MMMM yyyy", Danish);

    internal static XBrush StatusBrush(TargetStatus status) =>
        new XSolidBrush(XColor.FromArgb(unchecked((int)(0xFF000000 | Convert.ToUInt32(StatusPalette.Color(status).TrimStart('#'), 16)))));
}
