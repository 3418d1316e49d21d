using System.Data.Common;
using Dapper;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Ingest.Data;

/// <summary>Plans and their goal framework: areas, goals, sub-goals, targets and milestones.</summary>
public sealed class PlanStore(MonitoringDatabase database, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<IReadOnlyList<Plan>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var plans = await connection.QueryAsync<PlanRow>(new CommandDefinition(
            PlanRow.Select + " ORDER BY slug", cancellationToken: cancellationToken));
        var areas = (await connection.QueryAsync<(long PlanId, string ScopeCode)>(new CommandDefinition(
                "SELECT plan_id, scope_code FROM plan_areas ORDER BY scope_code", cancellationToken: cancellationToken)))
            .ToLookup(a => a.PlanId, a => a.ScopeCode);
        return plans.Select(p => p.ToPlan(areas[p.Id].ToList())).ToList();
    }

    public async Task<Plan?> FindAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, slug, cancellationToken);
    }

    /// <summary>On a connection the caller holds, so a whole plan can be read on one connection.</summary>
    public static async Task<Plan?> FindAsync(DbConnection connection, string slug, CancellationToken cancellationToken = default)
    {
        var row = await connection.QuerySingleOrDefaultAsync<PlanRow>(new CommandDefinition(
            PlanRow.Select + " WHERE slug = @slug", new { slug }, cancellationToken: cancellationToken));
        if (row is null)
            return null;
        var areas = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT scope_code FROM plan_areas WHERE plan_id = @Id ORDER BY scope_code", new { row.Id },
            cancellationToken: cancellationToken));
        return row.ToPlan(areas.ToList());
    }

    public async Task<IReadOnlyList<Goal>> GoalsAsync(long planId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await GoalsAsync(connection, planId, cancellationToken);
    }

    /// <summary>The current goals: retired ones (sql/*/V0007) keep their history but leave status, dashboard and brief.</summary>
    public static async Task<IReadOnlyList<Goal>> GoalsAsync(DbConnection connection, long planId, CancellationToken cancellationToken = default)
    {
        var rows = await connection.QueryAsync<GoalRow>(new CommandDefinition(
            GoalRow.Select + " WHERE plan_id = @planId AND retired_at IS NULL ORDER BY id", new { planId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToGoal()).ToList();
    }

    public async Task<IReadOnlyList<Target>> TargetsAsync(long planId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await TargetsAsync(connection, planId, cancellationToken);
    }

    /// <summary>The current targets; retiring a goal retires its targets too, so the target's own mark is enough.</summary>
    public static async Task<IReadOnlyList<Target>> TargetsAsync(DbConnection connection, long planId, CancellationToken cancellationToken = default)
    {
        var rows = await connection.QueryAsync<TargetRow>(new CommandDefinition(
            TargetRow.Select + " JOIN goals g ON g.id = t.goal_id WHERE g.plan_id = @planId AND t.retired_at IS NULL ORDER BY t.id",
            new { planId }, cancellationToken: cancellationToken));
        var milestones = (await connection.QueryAsync<MilestoneRow>(new CommandDefinition(
                """
                SELECT m.target_id AS TargetId, m.period AS Period, m.value AS Value
                FROM target_milestones m JOIN targets t ON t.id = m.target_id JOIN goals g ON g.id = t.goal_id
                WHERE g.plan_id = @planId AND t.retired_at IS NULL
                """,
                new { planId }, cancellationToken: cancellationToken)))
            .ToLookup(m => m.TargetId, m => new Milestone(Period.Parse(m.Period), m.Value));
        return rows.Select(r => r.ToTarget(milestones[r.Id].OrderBy(m => m.Period).ToList())).ToList();
    }

    public async Task<(Target Target, long PlanId)?> FindTargetAsync(long targetId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TargetRow>(new CommandDefinition(
            TargetRow.Select + " WHERE t.id = @targetId", new { targetId }, cancellationToken: cancellationToken));
        if (row is null)
            return null;
        var planId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT plan_id FROM goals WHERE id = @GoalId", new { row.GoalId }, cancellationToken: cancellationToken));
        var milestones = await connection.QueryAsync<MilestoneRow>(new CommandDefinition(
            "SELECT target_id AS TargetId, period AS Period, value AS Value FROM target_milestones WHERE target_id = @targetId",
            new { targetId }, cancellationToken: cancellationToken));
        return (row.ToTarget(milestones.Select(m => new Milestone(Period.Parse(m.Period), m.Value)).OrderBy(m => m.Period).ToList()), planId);
    }

    public async Task<string?> PlanSlugOfGoalAsync(long goalId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT p.slug FROM goals g JOIN plans p ON p.id = g.plan_id WHERE g.id = @goalId", new { goalId },
            cancellationToken: cancellationToken));
    }

    /// <summary>Stores a validated definition in one transaction; returns the new plan id, or null when the slug is taken.</summary>
    public Task<long?> CreateAsync(PlanDefinition plan, CancellationToken cancellationToken = default) =>
        CreateAsync(plan, "system", cancellationToken);

    /// <summary>
    /// As <see cref="CreateAsync(PlanDefinition, CancellationToken)"/>, recording every goal and target as added by
    /// <paramref name="createdBy"/> in the framework history, so the history starts where the plan does.
    /// </summary>
    public async Task<long?> CreateAsync(PlanDefinition plan, string createdBy, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var planId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO plans (slug, name, municipality_code, funding_period, status)
            VALUES (@Slug, @Name, @MunicipalityCode, @FundingPeriod, @Status)
            ON CONFLICT (slug) DO NOTHING
            RETURNING id
            """,
            new
            {
                plan.Slug, plan.Name, plan.MunicipalityCode, plan.FundingPeriod,
                Status = EnumText.ToText(plan.Status is null ? PlanStatus.Active : EnumText.Parse<PlanStatus>(plan.Status)),
            },
            transaction, cancellationToken: cancellationToken));
        if (planId is null)
            return null;
        foreach (var area in plan.Areas ?? [])
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO plan_areas (plan_id, scope_code) VALUES (@planId, @area)",
                new { planId, area }, transaction, cancellationToken: cancellationToken));
        }
        foreach (var goal in plan.Goals ?? [])
            await InsertGoalAsync(connection, transaction, planId.Value, null, goal, cancellationToken);
        var created = await FrameworkState.LoadAsync(connection, transaction, planId.Value, cancellationToken);
        await FrameworkHistoryStore.RecordAsync(
            connection, transaction, planId, PlanDefinitionDiff.Compare([], created!.Entities()), createdBy, _clock.GetUtcNow(), cancellationToken);
        await DataVersionStore.BumpAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return planId;
    }

    private static async Task InsertGoalAsync(
        DbConnection connection, DbTransaction transaction, long planId, long? parentId, GoalDefinition goal,
        CancellationToken cancellationToken)
    {
        var kind = parentId is null ? GoalKind.Strategic : GoalKind.SubGoal;
        var goalId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO goals (plan_id, parent_goal_id, kind, goal_key, title, description, focus_area, owning_body)
            VALUES (@planId, @parentId, @Kind, @Key, @Title, @Description, @FocusArea, @OwningBody)
            RETURNING id
            """,
            new
            {
                planId, parentId, Kind = EnumText.ToText(kind), goal.Key, goal.Title, goal.Description, goal.FocusArea,
                OwningBody = goal.OwningBody ?? (kind == GoalKind.Strategic ? "Bestyrelsen" : "Styregruppen"),
            },
            transaction, cancellationToken: cancellationToken));
        foreach (var target in goal.Targets ?? [])
        {
            var targetId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO targets (goal_id, indicator_code, scope_code, subgroup, baseline_period, baseline_value,
                                     target_period, target_value, tolerance, weight, benchmark_scope_code)
                VALUES (@goalId, @Indicator, @Scope, @Subgroup, @BaselinePeriod, @BaselineValue,
                        @TargetPeriod, @TargetValue, @Tolerance, @Weight, @BenchmarkScope)
                RETURNING id
                """,
                new
                {
                    goalId, target.Indicator, target.Scope, Subgroup = target.Subgroup ?? "",
                    BaselinePeriod = Canonical(target.BaselinePeriod), target.BaselineValue,
                    TargetPeriod = Canonical(target.TargetPeriod), target.TargetValue,
                    Tolerance = target.Tolerance ?? TargetDefinition.DefaultTolerance, Weight = target.Weight ?? 1, target.BenchmarkScope,
                },
                transaction, cancellationToken: cancellationToken));
            foreach (var milestone in target.Milestones ?? [])
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO target_milestones (target_id, period, value) VALUES (@targetId, @Period, @Value)",
                    new { targetId, Period = Canonical(milestone.Period), milestone.Value },
                    transaction, cancellationToken: cancellationToken));
            }
        }
        foreach (var sub in goal.SubGoals ?? [])
            await InsertGoalAsync(connection, transaction, planId, goalId, sub, cancellationToken);
    }

    private static string? Canonical(string? period) => period is null ? null : Period.Parse(period).ToString();

    private sealed class PlanRow
    {
        public const string Select =
            "SELECT id AS Id, slug AS Slug, name AS Name, municipality_code AS MunicipalityCode, funding_period AS FundingPeriod, status AS Status FROM plans";

        public long Id { get; set; }
        public string Slug { get; set; } = "";
        public string Name { get; set; } = "";
        public string MunicipalityCode { get; set; } = "";
        public string FundingPeriod { get; set; } = "";
        public string Status { get; set; } = "";

        public Plan ToPlan(IReadOnlyList<string> areas) =>
            new(Id, Slug, Name, MunicipalityCode, FundingPeriod, EnumText.Parse<PlanStatus>(Status), areas);
    }

    private sealed class GoalRow
    {
        public const string Select =
            """
            SELECT id AS Id, plan_id AS PlanId, parent_goal_id AS ParentGoalId, kind AS Kind, goal_key AS GoalKey,
                   title AS Title, description AS Description, focus_area AS FocusArea, owning_body AS OwningBody
            FROM goals
            """;

        public long Id { get; set; }
        public long PlanId { get; set; }
        public long? ParentGoalId { get; set; }
        public string Kind { get; set; } = "";
        public string GoalKey { get; set; } = "";
        public string Title { get; set; } = "";
        public string? Description { get; set; }
        public string? FocusArea { get; set; }
        public string OwningBody { get; set; } = "";

        public Goal ToGoal() =>
            new(Id, PlanId, ParentGoalId, EnumText.Parse<GoalKind>(Kind), GoalKey, Title, Description, FocusArea, OwningBody);
    }

    private sealed class TargetRow
    {
        public const string Select =
            """
            SELECT t.id AS Id, t.goal_id AS GoalId, t.indicator_code AS IndicatorCode, t.scope_code AS ScopeCode,
                   t.subgroup AS Subgroup, t.baseline_period AS BaselinePeriod, t.baseline_value AS BaselineValue,
                   t.target_period AS TargetPeriod, t.target_value AS TargetValue, t.tolerance AS Tolerance,
                   t.weight AS Weight, t.benchmark_scope_code AS BenchmarkScopeCode
            FROM targets t
            """;

        public long Id { get; set; }
        public long GoalId { get; set; }
        public string IndicatorCode { get; set; } = "";
        public string ScopeCode { get; set; } = "";
        public string Subgroup { get; set; } = "";
        public string? BaselinePeriod { get; set; }
        public double? BaselineValue { get; set; }
        public string? TargetPeriod { get; set; }
        public double? TargetValue { get; set; }
        public double Tolerance { get; set; }
        public double Weight { get; set; }
        public string? BenchmarkScopeCode { get; set; }

        public Target ToTarget(IReadOnlyList<Milestone> milestones) => new(
            Id, GoalId, IndicatorCode, ScopeCode, Subgroup,
            BaselinePeriod is null ? null : Period.Parse(BaselinePeriod), BaselineValue,
            TargetPeriod is null ? null : Period.Parse(TargetPeriod), TargetValue,
            Tolerance, Weight, BenchmarkScopeCode, milestones);
    }

    private sealed class MilestoneRow
    {
        public long TargetId { get; set; }
        public string Period { get; set; } = "";
        public double Value { get; set; }
    }
}
