using Monitoring.Core.Chain;
using Monitoring.Core.Charts;
using Monitoring.Core.Evaluation;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Reports;

namespace Monitoring.Ingest.Goals;

/// <summary>Gathers what the one-page brief shows and renders it with the same chart module as the dashboard.</summary>
public sealed class BoardBriefService(
    PlanStore plans, PlanEvaluationCache evaluations, IndicatorStore indicators, ScopeStore scopes, CommentStore comments,
    ChartService charts, TimeProvider clock, ChainStore chain)
{
    public Task<byte[]?> RenderAsync(string slug, Period? asOf, CancellationToken cancellationToken) =>
        RenderAsync(slug, asOf, null, cancellationToken);

    /// <param name="nextMeeting">The next board meeting's date, printed in the header when known.</param>
    public async Task<byte[]?> RenderAsync(string slug, Period? asOf, DateOnly? nextMeeting, CancellationToken cancellationToken)
    {
        if (await plans.FindAsync(slug, cancellationToken) is not { } plan)
            return null;
        var evaluation = (await evaluations.EvaluatePlanAsync(slug, asOf, cancellationToken))!;
        var indicatorsByCode = (await indicators.ListAsync(cancellationToken)).ToDictionary(i => i.Code);
        var scopeNames = (await scopes.ListAsync(cancellationToken)).ToDictionary(s => s.Code, s => s.Name);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        // Staleness is judged at the moment the brief looks back to: data that were fresh in 2021
        // are not "forældede" in a brief as of 2021 because today is later.
        var judgedAt = asOf is { } a && EndOf(a) < today ? EndOf(a) : today;
        // The activities and the secretariat's notes as they stood at the end of the asOf period, like the numbers beside them.
        DateTimeOffset? standingAt = asOf is { } p ? new DateTimeOffset(EndOf(p).ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero) : null;
        var notes = (await comments.ForPlanAsync(slug, cancellationToken)).Where(c => standingAt is null || c.CreatedAt <= standingAt).ToList();
        var goals = evaluation.Goals.Select(goal =>
        {
            var targets = goal.Targets.Concat(goal.SubGoals.SelectMany(s => s.Targets))
                .Where(t => indicatorsByCode.ContainsKey(t.IndicatorCode))
                .Select(t =>
                {
                    var indicator = indicatorsByCode[t.IndicatorCode];
                    var scopeName = scopeNames.GetValueOrDefault(t.ScopeCode, t.ScopeCode);
                    var chart = ChartDescriptions.ForTarget(t, indicator, scopeName, null, null, []);
                    var sparkline = charts.Render(chart, "png", 320, 80, ChartVariant.Sparkline).Content;
                    var stale = t.Latest is { } latest && Staleness.IsStale(indicator.Periodicity, latest.Period, judgedAt);
                    return new BriefTarget(t, indicator, scopeName, sparkline, stale);
                })
                .ToList();
            var codes = targets.Select(t => t.Indicator.Code).ToHashSet();
            var goalIds = goal.SubGoals.Select(s => s.Goal.Id).Append(goal.Goal.Id).ToHashSet();
            var about = notes
                .Where(c => (c.GoalId is { } id && goalIds.Contains(id)) || (c.IndicatorCode is not null && codes.Contains(c.IndicatorCode)))
                .ToList();
            return new BriefGoal(goal, targets, about.Where(c => c.IsDecision).ToList(), about.FirstOrDefault(c => !c.IsDecision));
        }).ToList();
        // An activity past its end date or a milestone counts as delayed, as on the chain page.
        var subAgreements = (await chain.ForPlanAsync(slug, standingAt, cancellationToken))
            .Select(s => new BriefSubAgreement(s.Title, s.SteeringGroup, s.Activities.Count(a => a.OnScheduleAt(judgedAt)),
                s.Activities.Count(a => a.Status != ActivityStatus.Stopped && !a.OnScheduleAt(judgedAt)),
                s.Activities.Count(a => a.Status == ActivityStatus.Stopped)))
            .ToList();
        var context = new BriefContext(today, PeriodCovered(goals), nextMeeting, judgedAt < today, subAgreements);
        return BoardBriefDocument.Render(plan, evaluation, goals, context);
    }

    /// <summary>The range of the targets' latest periods ("2023–2024"), or one period when they agree.</summary>
    private static string? PeriodCovered(IReadOnlyList<BriefGoal> goals)
    {
        var latest = goals.SelectMany(g => g.Targets).Select(t => t.Evaluation.Latest?.Period).OfType<Period>().ToList();
        if (latest.Count == 0)
            return null;
        var (first, last) = (latest.Min(), latest.Max());
        return first == last ? last.ToDanishString() : $"{first.ToDanishString()}–{last.ToDanishString()}";
    }

    private static DateOnly EndOf(Period period)
    {
        var year = period.EndOrdinal / 12;
        var month = period.EndOrdinal % 12 + 1;
        return new DateOnly(year, month, DateTime.DaysInMonth(year, month));
    }
}
