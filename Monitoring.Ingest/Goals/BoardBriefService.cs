using Monitoring.Core.Charts;
using Monitoring.Core.Evaluation;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Reports;

namespace Monitoring.Ingest.Goals;

/// <summary>Gathers what the one-page brief shows and renders it with the same chart module as the dashboard.</summary>
public sealed class BoardBriefService(
    PlanStore plans, PlanEvaluationCache evaluations, IndicatorStore indicators, ScopeStore scopes, CommentStore comments,
    ChartService charts, TimeProvider clock)
{
    public async Task<byte[]?> RenderAsync(string slug, Period? asOf, CancellationToken cancellationToken)
    {
        if (await plans.FindAsync(slug, cancellationToken) is not { } plan)
            return null;
        var evaluation = (await evaluations.EvaluatePlanAsync(slug, asOf, cancellationToken))!;
        var indicatorsByCode = (await indicators.ListAsync(cancellationToken)).ToDictionary(i => i.Code);
        var scopeNames = (await scopes.ListAsync(cancellationToken)).ToDictionary(s => s.Code, s => s.Name);
        var notes = await comments.ForPlanAsync(slug, cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
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
                    var stale = t.Latest is { } latest && Staleness.IsStale(indicator.Periodicity, latest.Period, today);
                    return new BriefTarget(t, indicator, scopeName, sparkline, stale);
                })
                .ToList();
            var codes = targets.Select(t => t.Indicator.Code).ToHashSet();
            var comment = notes.FirstOrDefault(c => c.GoalId == goal.Goal.Id)
                ?? notes.FirstOrDefault(c => c.IndicatorCode is not null && codes.Contains(c.IndicatorCode));
            return new BriefGoal(goal, targets, comment?.Text);
        }).ToList();
        return BoardBriefDocument.Render(plan, evaluation, goals, today);
    }
}
