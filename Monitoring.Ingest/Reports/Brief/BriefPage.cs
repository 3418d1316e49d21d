using Monitoring.Core.Charts;
using Monitoring.Core.Evaluation;
using Monitoring.Core.Model;
using PdfSharp.Drawing;

namespace Monitoring.Ingest.Reports.Brief;

/// <summary>
/// One pass over the brief's content at one density: with <c>draw: false</c> it only measures
/// (and reports whether anything had to be cut), with <c>draw: true</c> it draws the same layout.
/// Each block is measured first and drawn only when it fits above the section's limit.
/// </summary>
internal sealed class BriefPage
{
    private const double Margin = 36;
    private const double Indent = 12;

    private readonly XGraphics _gfx;
    private readonly BriefDensity _density;
    private bool _draw;
    private readonly double _left;
    private readonly double _width;
    private readonly double _bottom;
    private readonly XFont _title;
    private readonly XFont _heading;
    private readonly XFont _bold;
    private readonly XFont _text;
    private readonly XFont _small;
    private double _y = Margin;

    public BriefPage(XGraphics gfx, double pageWidth, double pageHeight, BriefDensity density, bool draw)
    {
        _gfx = gfx;
        _density = density;
        _draw = draw;
        _left = Margin;
        _width = pageWidth - 2 * Margin;
        _bottom = pageHeight - Margin;
        var family = ShippedFontResolver.Family;
        _title = new XFont(family, 15, XFontStyleEx.Bold);
        _heading = new XFont(family, density.TextSize + 2, XFontStyleEx.Bold);
        _bold = new XFont(family, density.TextSize, XFontStyleEx.Bold);
        _text = new XFont(family, density.TextSize, XFontStyleEx.Regular);
        _small = new XFont(family, Math.Max(6.5, density.TextSize - 1.5), XFontStyleEx.Regular);
    }

    /// <summary>Something was shortened at this density (targets per goal, decisions per goal, a text, "Det går godt").</summary>
    public bool Cut { get; private set; }

    /// <summary>Whole goals or whole matters for the board were left out (counted, not drawn) at this density.</summary>
    public bool Dropped { get; private set; }

    public void Write(Plan plan, PlanEvaluation evaluation, IReadOnlyList<BriefGoal> goals, BriefContext context)
    {
        Header(plan, evaluation, context);
        Matters(goals, context);
        SubAgreements(context.SubAgreements ?? []);
        Good(goals);
        Goals(goals);
    }

    private void Header(Plan plan, PlanEvaluation evaluation, BriefContext context)
    {
        Paragraph(_left, _width, [new TextRun(plan.Name, _title, XBrushes.Black)], int.MaxValue);
        var facts = new List<string> { $"Bestyrelsesnotat {BoardBriefDocument.DanishDate(context.Date)}" };
        if (evaluation.AsOf is { } asOf)
            facts.Add($"data til og med {asOf.ToDanishString()}");
        if (context.PeriodCovered is { } covered)
            facts.Add($"seneste målinger: {covered}");
        facts.Add($"helhedsplan {plan.FundingPeriod}");
        Paragraph(_left, _width, [new TextRun(string.Join(" · ", facts), _text, XBrushes.DimGray)], int.MaxValue);
        var meeting = context.NextMeeting is { } m ? $"Næste bestyrelsesmøde: {BoardBriefDocument.DanishDate(m)}." : "Næste bestyrelsesmøde: ikke oplyst.";
        var c = evaluation.Counts;
        var counts = $"Succeskriterier: {c.Achieved} nået, {c.OnTrack} på sporet, {c.AtRisk} i risiko, {c.OffTrack} ikke på sporet, {c.InsufficientData} for få data.";
        Paragraph(_left, _width, [new TextRun(meeting + " ", _bold, XBrushes.Black), new TextRun(counts, _text, XBrushes.Black)], int.MaxValue);
        _y += 4;
        Rule();
    }

    /// <summary>
    /// The goals that need the board's action, each with the decisions asked of it (else the latest
    /// note), then any other goal the secretariat put a decision to the board on: a confirmed
    /// proposal is a matter for the board whatever its goal's status.
    /// </summary>
    private void Matters(IReadOnlyList<BriefGoal> goals, BriefContext context)
    {
        Heading("Sager til bestyrelsen");
        // Leave room below for "Det går godt" and the goals' headings.
        var limit = _bottom - 190;
        var matters = goals.Where(g => g.Goal.NeedsAction).Concat(goals.Where(g => !g.Goal.NeedsAction && g.Decisions.Count > 0)).ToList();
        if (matters.Count == 0)
            Paragraph(_left, _width, [new TextRun("Ingen mål er i risiko eller ude af sporet, og sekretariatet har ingen indstillinger; der er ingen sager, der kræver bestyrelsens handling.", _text, XBrushes.Black)], 2);
        for (var i = 0; i < matters.Count; i++)
        {
            var goal = matters[i];
            var height = Measure(() => Matter(goal));
            if (_y + height > limit - LineOf(_small))
            {
                More($"+ {matters.Count - i} mål mere med sager – se dashboardet.", dropped: true);
                break;
            }
            Matter(goal);
        }
        var stale = goals.SelectMany(g => g.Targets).Where(t => t.Stale).Select(t => t.Indicator.Name).Distinct().ToList();
        if (stale.Count > 0)
        {
            var against = context.StaleAgainstAsOf ? " (i forhold til det valgte tidspunkt)" : "";
            Paragraph(_left, _width,
                [new TextRun($"Forældede data{against}: ", _bold, XBrushes.Black), new TextRun(string.Join(", ", stale) + ".", _text, XBrushes.Black)], 2);
        }
        _y += 3;
    }

    private void Matter(BriefGoal goal)
    {
        var g = goal.Goal;
        var status = $"{StatusPalette.Symbol(g.Status)} {TargetStatusText.Danish(g.Status)}";
        Paragraph(_left, _width, [new TextRun(status + " ", _bold, BoardBriefDocument.StatusBrush(g.Status)), new TextRun(g.Goal.Title, _bold, XBrushes.Black)], 2);
        if (goal.Decisions.Count > 0)
        {
            var shown = goal.Decisions.Take(_density.MattersPerGoal).ToList();
            var hidden = goal.Decisions.Count - shown.Count;
            Cut |= hidden > 0;
            foreach (var decision in shown)
            {
                List<TextRun> runs =
                [
                    new TextRun(CommentKinds.DecisionTypeLabel(decision.DecisionType) + ":", _bold, XBrushes.Black),
                    new TextRun(decision.Text, _text, XBrushes.Black),
                ];
                // The author, and the count of decisions left out, ride on the last line instead of
                // costing a line of their own, and survive when the text is shortened.
                var tail = hidden > 0 && decision == shown[^1]
                    ? $"({decision.Author} · + {hidden} {(hidden == 1 ? "sag" : "sager")} mere på dashboardet)"
                    : $"({decision.Author})";
                Paragraph(_left + Indent, _width - Indent, runs, _density.CommentLines, new TextRun(tail, _small, XBrushes.DimGray));
            }
        }
        else if (goal.LatestNote is { } note)
        {
            Paragraph(_left + Indent, _width - Indent,
                [new TextRun("Ingen indstilling; seneste note:", _bold, XBrushes.DimGray), new TextRun(note.Text, _text, XBrushes.Black)],
                _density.CommentLines, new TextRun($"({note.Author})", _small, XBrushes.DimGray));
        }
        else
        {
            Paragraph(_left + Indent, _width - Indent, [new TextRun("Sekretariatet har ingen indstilling til bestyrelsen endnu.", _text, XBrushes.DimGray)], 1);
        }
        _y += 2;
    }

    /// <summary>
    /// The chain of steering: a line for each sub-agreement with activities delayed or stopped, and one
    /// line naming those whose activities all run as planned, so many sub-agreements do not crowd out
    /// the matters above; left out when the plan has none, and counted, not drawn, when the page is full.
    /// </summary>
    private void SubAgreements(IReadOnlyList<BriefSubAgreement> subAgreements)
    {
        if (subAgreements.Count == 0)
            return;
        Heading("Delaftaler og aktiviteter");
        var limit = _bottom - 150;
        var behind = subAgreements.Where(s => s.Delayed + s.Stopped > 0).ToList();
        var running = subAgreements.Where(s => s.Delayed + s.Stopped == 0).ToList();
        var lines = behind.Select(s => (IReadOnlyList<TextRun>)
        [
            new TextRun($"{s.Title} ({s.SteeringGroup}):", _bold, XBrushes.Black),
            new TextRun($"{s.OnSchedule} som planlagt", _text, XBrushes.Black),
            new TextRun($"· {s.Delayed} forsinket", s.Delayed > 0 ? _bold : _text, s.Delayed > 0 ? BoardBriefDocument.StatusBrush(TargetStatus.OffTrack) : XBrushes.Black),
            new TextRun($"· {s.Stopped} stoppet", s.Stopped > 0 ? _bold : _text, XBrushes.Black),
        ]).ToList();
        if (running.Count > 0)
        {
            var names = string.Join(", ", running.Select(s => $"{s.Title} ({s.OnSchedule})"));
            lines.Add(
            [
                new TextRun(running.Count == subAgreements.Count ? "Alle aktiviteter forløber som planlagt:" : "Som planlagt:", _bold, XBrushes.Black),
                new TextRun(names + ".", _text, XBrushes.Black),
            ]);
        }
        for (var i = 0; i < lines.Count; i++)
        {
            var runs = lines[i];
            var height = Measure(() => Paragraph(_left, _width, runs, 2));
            if (_y + height > limit - LineOf(_small))
            {
                More($"+ {lines.Count - i} {(lines.Count - i == 1 ? "linje" : "linjer")} om delaftaler mere – se styringskæden på dashboardet.");
                break;
            }
            Paragraph(_left, _width, runs, 2);
        }
        _y += 3;
    }

    /// <summary>Targets achieved or on track: what the board can see is working.</summary>
    private void Good(IReadOnlyList<BriefGoal> goals)
    {
        Heading("Det går godt");
        var good = goals.SelectMany(g => g.Targets)
            .Where(t => t.Evaluation.Status is TargetStatus.Achieved or TargetStatus.OnTrack)
            .OrderBy(t => t.Evaluation.Status)
            .ToList();
        var limit = _bottom - 130;
        if (good.Count == 0)
            Paragraph(_left, _width, [new TextRun("Ingen succeskriterier er nået eller på sporet endnu.", _text, XBrushes.DimGray)], 1);
        var shown = Math.Min(good.Count, _density.GoodItems);
        for (var i = 0; i < good.Count; i++)
        {
            var runs = GoodLine(good[i]);
            var height = Measure(() => Paragraph(_left, _width, runs, 2));
            if (i >= shown || _y + height > limit - LineOf(_small))
            {
                More($"+ {good.Count - i} {(good.Count - i == 1 ? "succeskriterium" : "succeskriterier")} mere, nået eller på sporet.");
                break;
            }
            Paragraph(_left, _width, runs, 2);
        }
        _y += 3;
        Rule();
    }

    /// <summary>The latest value and its period; a survey share with its 95 % interval, so the board sees how sure it is.</summary>
    private static string Latest(BriefTarget target)
    {
        var e = target.Evaluation;
        if (e.Latest is not { } l)
            return "–";
        var point = e.Series.LastOrDefault(p => p.Period == l.Period);
        var interval = point is { Lower: { } low, Upper: { } high }
            ? $", 95\u00A0%: {ValueFormat.Da(low, target.Indicator.Decimals)}–{ValueFormat.Da(high, target.Indicator)}"
            : "";
        return $"{ValueFormat.Da(l.Value, target.Indicator)} ({l.Period.ToDanishString()}{interval})";
    }

    private IReadOnlyList<TextRun> GoodLine(BriefTarget target)
    {
        var e = target.Evaluation;
        var latest = Latest(target);
        var goalValue = e.Target is { } t ? $"{ValueFormat.Da(t.Value, target.Indicator)} i {t.Period.ToDanishString()}" : "–";
        return
        [
            new TextRun($"{StatusPalette.Symbol(e.Status)} {TargetStatusText.Danish(e.Status)}:", _bold, BoardBriefDocument.StatusBrush(e.Status)),
            new TextRun($"{target.Indicator.Name}, {target.ScopeName}: {latest}, mål {goalValue}.", _text, XBrushes.Black),
        ];
    }

    /// <summary>Every strategic goal with its targets; goals that do not fit are counted, not drawn.</summary>
    private void Goals(IReadOnlyList<BriefGoal> goals)
    {
        Heading("Mål og status");
        for (var i = 0; i < goals.Count; i++)
        {
            var goal = goals[i];
            var height = Measure(() => Goal(goal));
            var last = i == goals.Count - 1;
            if (_y + height > _bottom - (last ? 0 : LineOf(_small)))
            {
                More($"+ {goals.Count - i} mål mere – se dashboardet.", dropped: true);
                break;
            }
            Goal(goal);
        }
    }

    private void Goal(BriefGoal goal)
    {
        var g = goal.Goal;
        // A no-break space keeps "score 50 %" on one line.
        var score = g.Score is { } s ? $" · score\u00A0{BoardBriefDocument.Percent(s)}" : "";
        Paragraph(_left, _width,
            [new TextRun($"{StatusPalette.Symbol(g.Status)} {TargetStatusText.Danish(g.Status)}", _bold, BoardBriefDocument.StatusBrush(g.Status)),
             new TextRun(g.Goal.Title + score, _bold, XBrushes.Black)], 2);
        if (goal.Targets.Count == 0)
            Paragraph(_left + Indent, _width - Indent, [new TextRun("Ingen målbar indikator.", _small, XBrushes.DimGray)], 1);
        // When not every indicator fits, the ones that need attention are shown and the rest counted on the last row.
        var shown = goal.Targets.OrderBy(t => Urgency(t.Evaluation.Status)).Take(_density.TargetsPerGoal).ToList();
        var more = goal.Targets.Count - shown.Count;
        Cut |= more > 0;
        foreach (var target in shown)
        {
            TargetRow(target, more > 0 && target == shown[^1]
                ? new TextRun($"(+ {more} {(more == 1 ? "succeskriterium" : "succeskriterier")} mere på dashboardet)", _small, XBrushes.DimGray)
                : null);
        }
        _y += 3;
    }

    private void TargetRow(BriefTarget target, TextRun? more)
    {
        var sparkWidth = _density.SparklineHeight * 4;
        var textLeft = _left + Indent + sparkWidth + 6;
        var e = target.Evaluation;
        var latest = Latest(target);
        var goalValue = e.Target is { } t ? $"{ValueFormat.Da(t.Value, target.Indicator)} i {t.Period.ToDanishString()}" : "–";
        List<TextRun> runs =
        [
            new TextRun($"{target.Indicator.Name}, {target.ScopeName}:", _bold, XBrushes.Black),
            new TextRun($"seneste {latest}, mål {goalValue} –", _text, XBrushes.Black),
            new TextRun($"{StatusPalette.Symbol(e.Status)} {TargetStatusText.Danish(e.Status)}", _bold, BoardBriefDocument.StatusBrush(e.Status)),
        ];
        if (target.Stale)
            runs.Add(new TextRun("· forældede data", _bold, XBrushes.DarkRed));
        var block = TextBlock.Wrap(_gfx, runs, _left + _width - textLeft, 3, tail: more);
        Cut |= block.Truncated;
        var height = Math.Max(block.Height, _density.SparklineHeight + 2);
        if (_draw)
        {
            using (var image = XImage.FromStream(new MemoryStream(target.Sparkline)))
                _gfx.DrawImage(image, _left + Indent, _y + 1, sparkWidth, _density.SparklineHeight);
            block.Draw(_gfx, textLeft, _y + Math.Max(0, (height - block.Height) / 2));
        }
        // Rows breathe more when the page has room (larger text), so sparklines do not touch.
        _y += height + (_density.TextSize >= 9 ? 5 : 2);
    }

    private void Heading(string text)
    {
        _y += 2;
        Paragraph(_left, _width, [new TextRun(text, _heading, XBrushes.Black)], 1);
        _y += 2;
    }

    private void Rule()
    {
        if (_draw)
            _gfx.DrawLine(XPens.LightGray, _left, _y, _left + _width, _y);
        _y += 4;
    }

    private void More(string text, bool dropped = false)
    {
        Cut = true;
        Dropped |= dropped;
        Paragraph(_left, _width, [new TextRun(text, _small, XBrushes.DimGray)], 1);
    }

    private void Paragraph(double x, double width, IReadOnlyList<TextRun> runs, int maxLines, TextRun? tail = null)
    {
        var block = TextBlock.Wrap(_gfx, runs, width, maxLines, tail: tail);
        Cut |= block.Truncated;
        if (_draw)
            block.Draw(_gfx, x, _y);
        _y += block.Height;
    }

    /// <summary>The height a block would take, without drawing it or counting its cuts.</summary>
    private double Measure(Action block)
    {
        var (y, draw, cut, dropped) = (_y, _draw, Cut, Dropped);
        _draw = false;
        block();
        var height = _y - y;
        (_y, Cut, Dropped) = (y, cut, dropped);
        _draw = draw;
        return height;
    }

    /// <summary>Off track first, then at risk, without data, on track, achieved: the order a board should look in.</summary>
    private static int Urgency(TargetStatus status) => status switch
    {
        TargetStatus.OffTrack => 0,
        TargetStatus.AtRisk => 1,
        TargetStatus.InsufficientData => 2,
        TargetStatus.OnTrack => 3,
        _ => 4,
    };

    private static double LineOf(XFont font) => font.GetHeight() + 1;
}
