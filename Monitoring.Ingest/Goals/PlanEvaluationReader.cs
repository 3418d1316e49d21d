using System.Data.Common;
using Dapper;
using Monitoring.Core.Evaluation;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Data;

namespace Monitoring.Ingest.Goals;

/// <summary>
/// Reads what the goal engine needs from the database — the plan's goals, targets, indicators
/// and series, in a few statements on one connection — and hands it to Core, which computes
/// without I/O.
/// </summary>
public sealed class PlanEvaluationReader(MonitoringDatabase database, PlanStore plans, IndicatorStore indicators, SeriesQuery series)
{
    public async Task<PlanEvaluation?> EvaluatePlanAsync(string slug, Period? asOf, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await PlanStore.FindAsync(connection, slug, cancellationToken) is not { } plan)
            return null;
        var indicatorsByCode = (await IndicatorStore.ListAsync(connection, cancellationToken)).ToDictionary(i => i.Code);
        return await EvaluatePlanAsync(connection, plan, indicatorsByCode, asOf, cancellationToken);
    }

    private async Task<PlanEvaluation> EvaluatePlanAsync(
        DbConnection connection, Plan plan, IReadOnlyDictionary<string, Indicator> indicatorsByCode, Period? asOf,
        CancellationToken cancellationToken)
    {
        var goals = await PlanStore.GoalsAsync(connection, plan.Id, cancellationToken);
        var targets = await PlanStore.TargetsAsync(connection, plan.Id, cancellationToken);
        var data = await series.ForPlanAsync(connection, plan.Id, cancellationToken);
        var scopeNames = await ScopeNamesAsync(connection, cancellationToken);
        return PlanEvaluation.Evaluate(plan, goals, targets, indicatorsByCode, t => SeriesFor(t, data), asOf, scopeNames);
    }

    /// <summary>The areas' names, so the status sentences name the area as the board knows it, not by its code.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> ScopeNamesAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(string Code, string Name)>(new CommandDefinition(
            "SELECT code, name FROM scopes", cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Code, r => r.Name, StringComparer.Ordinal);
    }

    /// <summary>Every plan, as the nightly snapshot and the benchmark do it.</summary>
    public async Task<IReadOnlyList<PlanEvaluation>> EvaluateAllAsync(Period? asOf, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var indicatorsByCode = (await IndicatorStore.ListAsync(connection, cancellationToken)).ToDictionary(i => i.Code);
        var results = new List<PlanEvaluation>();
        foreach (var plan in await plans.ListAsync(cancellationToken))
            results.Add(await EvaluatePlanAsync(connection, plan, indicatorsByCode, asOf, cancellationToken));
        return results;
    }

    public async Task<TargetEvaluation?> EvaluateTargetAsync(long targetId, Period? asOf, CancellationToken cancellationToken = default)
    {
        if (await plans.FindTargetAsync(targetId, cancellationToken) is not { } found)
            return null;
        var target = found.Target;
        var indicator = await indicators.FindAsync(target.IndicatorCode, cancellationToken);
        if (indicator is null)
            return null;
        var own = await series.SeriesAsync(new SeriesKey(target.IndicatorCode, target.ScopeCode, target.Subgroup), cancellationToken);
        IReadOnlyList<Observation>? benchmark = target.BenchmarkScopeCode is null
            ? null
            : await series.SeriesAsync(new SeriesKey(target.IndicatorCode, target.BenchmarkScopeCode, target.Subgroup), cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        var scopeNames = await ScopeNamesAsync(connection, cancellationToken);
        return TargetEvaluator.Evaluate(target, indicator, own, asOf, benchmark, scopeNames.GetValueOrDefault(target.ScopeCode));
    }

    public async Task<IReadOnlyList<FrameworkWarning>?> CheckPlanAsync(string slug, FrameworkLimits limits, CancellationToken cancellationToken = default)
    {
        if (await plans.FindAsync(slug, cancellationToken) is not { } plan)
            return null;
        var goals = await plans.GoalsAsync(plan.Id, cancellationToken);
        var targets = await plans.TargetsAsync(plan.Id, cancellationToken);
        return FrameworkCheck.Check(goals, targets, await IndicatorsAsync(cancellationToken), limits);
    }

    private async Task<IReadOnlyDictionary<string, Indicator>> IndicatorsAsync(CancellationToken cancellationToken) =>
        (await indicators.ListAsync(cancellationToken)).ToDictionary(i => i.Code);

    private static (IReadOnlyList<Observation> Series, IReadOnlyList<Observation>? Benchmark) SeriesFor(
        Target target, IReadOnlyDictionary<SeriesKey, IReadOnlyList<Observation>> data)
    {
        var own = data.GetValueOrDefault(new SeriesKey(target.IndicatorCode, target.ScopeCode, target.Subgroup)) ?? [];
        var benchmark = target.BenchmarkScopeCode is null
            ? null
            : data.GetValueOrDefault(new SeriesKey(target.IndicatorCode, target.BenchmarkScopeCode, target.Subgroup)) ?? [];
        return (own, benchmark);
    }
}
