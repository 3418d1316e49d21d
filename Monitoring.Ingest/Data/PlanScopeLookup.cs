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

    /// <summary>(slug, code) for every area a plan reaches: its own areas and the scopes its targets measure or compare with.</summary>
    private const string PlanAreasSql =
        """
        SELECT p.slug AS Slug, pa.scope_code AS Code FROM plan_areas pa JOIN plans p ON p.id = pa.plan_id
        UNION SELECT p.slug, t.scope_code FROM targets t JOIN goals g ON g.id = t.goal_id JOIN plans p ON p.id = g.plan_id
        UNION SELECT p.slug, t.benchmark_scope_code FROM targets t JOIN goals g ON g.id = t.goal_id JOIN plans p ON p.id = g.plan_id
            WHERE t.benchmark_scope_code IS NOT NULL
        """;

    // Every plan's pairs are read and filtered here rather than with IN: a list parameter is expanded
    // for SQLite but sent as one array to PostgreSQL, and a municipality has a handful of plans.
    public async Task<IReadOnlySet<string>> AreasOfAsync(IEnumerable<string> planSlugs, CancellationToken cancellationToken = default) =>
        await CodesOfAsync(PlanAreasSql, planSlugs, cancellationToken);

    /// <summary>
    /// The same reach as <see cref="AreasOfAsync"/> as a condition on <c>series s</c>, so the feed and the
    /// extracts leave other plans' areas out in the database, whatever the caller's filter says. One
    /// parameter per slug (not a list parameter, which the two providers bind differently).
    /// </summary>
    public static ObservationCondition AreasCondition(IEnumerable<string> planSlugs)
    {
        var parameters = planSlugs.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select((slug, i) => (Name: "scopePlan" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), Slug: slug))
            .ToList();
        if (parameters.Count == 0)
            return new ObservationCondition("1 = 0", new Dictionary<string, object?>());
        var names = string.Join(", ", parameters.Select(p => "@" + p.Name));
        return new ObservationCondition(
            $"s.scope_code IN (SELECT reach.Code FROM ({PlanAreasSql}) reach WHERE reach.Slug IN ({names}))",
            parameters.ToDictionary(p => p.Name, p => (object?)p.Slug));
    }

    public async Task<IReadOnlySet<string>> IndicatorsOfAsync(IEnumerable<string> planSlugs, CancellationToken cancellationToken = default) =>
        await CodesOfAsync(
            "SELECT DISTINCT p.slug AS Slug, t.indicator_code AS Code FROM targets t JOIN goals g ON g.id = t.goal_id JOIN plans p ON p.id = g.plan_id",
            planSlugs, cancellationToken);

    private async Task<IReadOnlySet<string>> CodesOfAsync(string sql, IEnumerable<string> planSlugs, CancellationToken cancellationToken)
    {
        var slugs = planSlugs.ToHashSet(StringComparer.Ordinal);
        await using var connection = await database.OpenAsync(cancellationToken);
        var pairs = await connection.QueryAsync<(string Slug, string Code)>(new CommandDefinition(sql, cancellationToken: cancellationToken));
        return pairs.Where(p => slugs.Contains(p.Slug)).Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
    }
}
