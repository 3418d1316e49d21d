using Monitoring.Core.Model;
using Monitoring.Core.Statistics;

namespace Monitoring.Core.Evaluation;

/// <summary>
/// The sentences a board member reads under a chart, built from the same figures as the status:
/// they name the indicator and the area, and state baseline, latest (with its period), target, the
/// value on the straight line from baseline to target at the latest period, the tolerance when it
/// decided and the projection when it decided — so no status reads without its reason.
/// </summary>
public static class Explanation
{
    /// <summary>What is measured where: names, not codes, because the board does not read codes.</summary>
    public sealed record Subject(Indicator Indicator, string ScopeName)
    {
        public string Danish => $"{Indicator.Name} i {ScopeName}";

        public string English => $"{Indicator.NameEn ?? Indicator.Name} in {ScopeName}";
    }

    /// <summary>The figures that decided a status, as <see cref="TargetEvaluator"/> computed them.</summary>
    public sealed record Figures(
        Subject Subject,
        PeriodValue Baseline,
        PeriodValue Latest,
        PeriodValue Target,
        double TrajectoryNow,
        double Tolerance,
        double Projection,
        string ProjectionMethod,
        double? BandHalfWidth,
        TargetStatus Status,
        Decision Decision,
        bool Uncertain);

    public static string Danish(Figures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var indicator = f.Subject.Indicator;
        string V(double v) => ValueFormat.Da(v, indicator);
        var (b, l, t) = (f.Baseline, f.Latest, f.Target);
        var movement = l.Value == b.Value
            ? $"er uændret på {V(l.Value)} fra {b.Period.ToDanishString()} (baseline) til {l.Period.ToDanishString()}"
            : $"er {(l.Value > b.Value ? "steget" : "faldet")} fra {V(b.Value)} i {b.Period.ToDanishString()} (baseline) til {V(l.Value)} i {l.Period.ToDanishString()}";
        var goal = f.BandHalfWidth is { } w
            ? $"målet er at ligge mellem {V(t.Value - w)} og {V(t.Value + w)} i {t.Period.ToDanishString()}"
            : $"målet er {V(t.Value)} i {t.Period.ToDanishString()}";
        var line = $"På en lige linje fra baseline til målet skulle værdien være {V(f.TrajectoryNow)} i {l.Period.ToDanishString()}.";
        var projection = $"fremskrivningen ({(f.ProjectionMethod == "theilSen" ? "Theil–Sen-linjen gennem målingerne fra baseline" : "linjen gennem baseline og seneste måling")}) giver {V(f.Projection)} i {t.Period.ToDanishString()}";
        // Subordinate clauses ("fordi …"), so the negation stands before the verb.
        var notBetter = f.BandHalfWidth is null ? "værdien ikke er bedre end ved baseline" : "afstanden til målbåndet ikke er blevet mindre siden baseline";
        var reached = f.BandHalfWidth is not null
            ? $"den seneste værdi, {V(l.Value)}, ligger i målbåndet"
            : $"den seneste værdi, {V(l.Value)}, er {(indicator.Direction == Direction.LowerBetter ? "på eller under" : "på eller over")} målet på {V(t.Value)}";
        var why = f.Decision switch
        {
            Decision.Achieved => reached,
            Decision.DeadlinePassed when f.Status == TargetStatus.AtRisk =>
                $"målperioden {t.Period.ToDanishString()} er nået uden at målet blev nået, men værdien er bedre end ved baseline",
            Decision.DeadlinePassed => $"målperioden {t.Period.ToDanishString()} er nået uden at målet blev nået, og {notBetter}",
            Decision.OnTheLine => "udviklingen er på eller foran den lige linje",
            Decision.WithinTolerance =>
                $"udviklingen er lidt bag den lige linje, men inden for tolerancen på {ToleranceText(f.Tolerance)} af vejen fra baseline til målet",
            Decision.Projection => $"udviklingen er bag den lige linje, men {projection}, så målet nås, hvis udviklingen fortsætter",
            Decision.BehindTheLine => $"værdien er bedre end ved baseline, men bag den lige linje, og {projection}, så målet ikke nås",
            _ => notBetter,
        };
        var noise = f.Uncertain ? " Ændringen kan ikke skelnes fra tilfældig variation." : "";
        return $"{f.Subject.Danish} {movement}; {goal}. {line} Status: {TargetStatusText.Danish(f.Status)}, fordi {why}.{noise}";
    }

    public static string English(Figures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var indicator = f.Subject.Indicator;
        string V(double v) => ValueFormat.En(v, indicator);
        var (b, l, t) = (f.Baseline, f.Latest, f.Target);
        var movement = l.Value == b.Value
            ? $"held at {V(l.Value)} from {b.Period} (baseline) to {l.Period}"
            : $"{(l.Value > b.Value ? "rose" : "fell")} from {V(b.Value)} in {b.Period} (baseline) to {V(l.Value)} in {l.Period}";
        var goal = f.BandHalfWidth is { } w
            ? $"the target is to lie between {V(t.Value - w)} and {V(t.Value + w)} by {t.Period}"
            : $"the target is {V(t.Value)} by {t.Period}";
        var line = $"On a straight line from baseline to target it would be {V(f.TrajectoryNow)} in {l.Period}.";
        var projection = $"the projection ({(f.ProjectionMethod == "theilSen" ? "Theil–Sen line through the points from the baseline" : "line through baseline and latest")}) gives {V(f.Projection)} in {t.Period}";
        var notBetter = f.BandHalfWidth is null ? "the value is not better than at baseline" : "the distance to the band has not shrunk since baseline";
        var why = f.Decision switch
        {
            Decision.Achieved => f.BandHalfWidth is not null
                ? $"the latest value, {V(l.Value)}, lies in the band"
                : $"the latest value, {V(l.Value)}, is at or {(indicator.Direction == Direction.LowerBetter ? "below" : "above")} the target of {V(t.Value)}",
            Decision.DeadlinePassed when f.Status == TargetStatus.AtRisk =>
                $"the target period {t.Period} has come without the target being reached, but the value is better than at baseline",
            Decision.DeadlinePassed => $"the target period {t.Period} has come without the target being reached, and {notBetter}",
            Decision.OnTheLine => "progress is on or ahead of the straight line",
            Decision.WithinTolerance =>
                $"progress is a little behind the straight line, but within the tolerance of {ToleranceTextEn(f.Tolerance)} of the way from baseline to target",
            Decision.Projection => $"progress is behind the straight line, but {projection}, which reaches the target",
            Decision.BehindTheLine => $"the value is better than at baseline but behind the straight line, and {projection}, short of the target",
            _ => notBetter,
        };
        var noise = f.Uncertain ? " The change cannot be told apart from random variation." : "";
        return $"{f.Subject.English} {movement}; {goal}. {line} Status: {TargetStatusText.English(f.Status)}, because {why}.{noise}";
    }

    private static string ToleranceText(double tolerance) =>
        ValueFormat.Percent(tolerance, tolerance * 100 == Math.Round(tolerance * 100) ? 0 : 1);

    private static string ToleranceTextEn(double tolerance) =>
        ValueFormat.Number(tolerance * 100, tolerance * 100 == Math.Round(tolerance * 100) ? 0 : 1, System.Globalization.CultureInfo.InvariantCulture) + " %";

    public static string ReasonDa(string reason) => reason switch
    {
        _ when reason.StartsWith("Fewer than two points", StringComparison.Ordinal) => "der er færre end to målinger fra baseline og frem.",
        _ when reason.StartsWith("No observation for the baseline", StringComparison.Ordinal) => "der er ingen måling i baselineperioden.",
        _ when reason.StartsWith("The value for the baseline period", StringComparison.Ordinal) =>
            "værdien i baselineperioden er tilbageholdt, fordi den bygger på for få personer (diskretionering); den findes, men vises ikke.",
        _ when reason.StartsWith("The target has no baseline", StringComparison.Ordinal) => "målet har ingen baselineperiode.",
        _ when reason.StartsWith("The target has no target", StringComparison.Ordinal) => "målet har ingen målværdi eller målperiode.",
        Finite.Reason => "tallene er for store til at regne med, så status kan ikke beregnes.",
        _ => "serien blander periodetyper.",
    };
}
