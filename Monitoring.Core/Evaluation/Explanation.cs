using Monitoring.Core.Model;
using Monitoring.Core.Statistics;

namespace Monitoring.Core.Evaluation;

/// <summary>The one-sentence explanation a board member reads under a chart, built from the same figures as the status.</summary>
public static class Explanation
{
    public static string Danish(
        Indicator indicator, PeriodValue baseline, PeriodValue latest, PeriodValue target, double trajectoryNow,
        TargetStatus status, bool uncertain)
    {
        var subject = indicator.Unit == IndicatorUnit.Percent ? "Andelen" : "Værdien";
        var verb = latest.Value > baseline.Value ? "steget" : latest.Value < baseline.Value ? "faldet" : "uændret";
        var movement = verb == "uændret"
            ? $"{subject} er uændret på {ValueFormat.Da(latest.Value, indicator)} fra {baseline.Period.ToDanishString()} til {latest.Period.ToDanishString()}"
            : $"{subject} er {verb} fra {ValueFormat.Da(baseline.Value, indicator)} ({baseline.Period.ToDanishString()}) til {ValueFormat.Da(latest.Value, indicator)} ({latest.Period.ToDanishString()})";
        var noise = uncertain ? " Ændringen kan ikke skelnes fra tilfældig variation." : "";
        return $"{movement}; målet er {ValueFormat.Da(target.Value, indicator)} i {target.Period.ToDanishString()}; " +
               $"på den rette linje skulle den være {ValueFormat.Da(trajectoryNow, indicator)} nu. " +
               $"Status: {TargetStatusText.Danish(status)}.{noise}";
    }

    public static string English(
        Indicator indicator, PeriodValue baseline, PeriodValue latest, PeriodValue target, double trajectoryNow,
        TargetStatus status, bool uncertain)
    {
        var subject = indicator.Unit == IndicatorUnit.Percent ? "The share" : "The value";
        var verb = latest.Value > baseline.Value ? "rose" : latest.Value < baseline.Value ? "fell" : "held";
        var movement = verb == "held"
            ? $"{subject} held at {ValueFormat.En(latest.Value, indicator)} from {baseline.Period} to {latest.Period}"
            : $"{subject} {verb} from {ValueFormat.En(baseline.Value, indicator)} ({baseline.Period}) to {ValueFormat.En(latest.Value, indicator)} ({latest.Period})";
        var noise = uncertain ? " The change cannot be told apart from random variation." : "";
        return $"{movement}; the target is {ValueFormat.En(target.Value, indicator)} by {target.Period}; " +
               $"on the straight line it should be {ValueFormat.En(trajectoryNow, indicator)} now. " +
               $"Status: {TargetStatusText.English(status)}.{noise}";
    }

    public static string ReasonDa(string reason) => reason switch
    {
        _ when reason.StartsWith("Fewer than two points", StringComparison.Ordinal) => "der er færre end to målinger fra baseline og frem.",
        _ when reason.StartsWith("No observation for the baseline", StringComparison.Ordinal) => "der er ingen måling i baselineperioden.",
        _ when reason.StartsWith("The target has no baseline", StringComparison.Ordinal) => "målet har ingen baselineperiode.",
        _ when reason.StartsWith("The target has no target", StringComparison.Ordinal) => "målet har ingen målværdi eller målperiode.",
        Finite.Reason => "tallene er for store til at regne med, så status kan ikke beregnes.",
        _ => "serien blander periodetyper.",
    };
}
