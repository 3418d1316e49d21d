using Dapper;

namespace Monitoring.Ingest.Data;

/// <summary>
/// What a plan scope reaches, for the access checks: the plan a goal or target belongs to, the areas
/// of a set of plans (their own areas and the scopes their targets measure or compare with) and the
/// indicators their targets use.
/// </summary>
public sealed class PlanScopeLookup(MonitoringDatabase database)
{
    public async Task<string?> PlanOfGoalAsync(long goalId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT p.slug FROM goals g JOIN plans p ON p.id = g.plan_id WHERE g.id = @goalId", new { goalId }, cancellationToken: cancellationToken));
    }

    public async Task<string?> PlanOfTargetAsync(long targetId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT p.slug FROM targets t JOIN goals g ON g.id = t.goal_id JOIN plans p ON p.id = g.plan_id WHERE t.id = @targetId",
            new { targetId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlySet<string>> AreasOfAsync(IEnumerable<string> planSlugs, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var codes = await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT pa.scope_code FROM plan_areas pa JOIN plans p ON p.id = pa.plan_id WHERE p.slug IN @slugs
            UNION SELECT t.scope_code FROM targets t JOIN goals g ON g.id = t.goal_id JOIN plans p ON p.id = g.plan_id WHERE p.slug IN @slugs
            UNION SELECT t.benchmark_scope_code FROM targets t JOIN goals g ON g.id = t.goal_id JOIN plans p ON p.id = g.plan_id
                WHERE p.slug IN @slugs AND t.benchmark_scope_code IS NOT NULL
            """,
            new { slugs = planSlugs.ToArray() }, cancellationToken: cancellationToken));
        return codes.ToHashSet(StringComparer.Ordinal);
    }

    public async Task<IReadOnlySet<string>> IndicatorsOfAsync(IEnumerable<string> planSlugs, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var codes = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT t.indicator_code FROM targets t JOIN goals g ON g.id = t.goal_id JOIN plans p ON p.id = g.plan_id WHERE p.slug IN @slugs",
            new { slugs = planSlugs.ToArray() }, cancellationToken: cancellationToken));
        return codes.ToHashSet(StringComparer.Ordinal);
    }
}
