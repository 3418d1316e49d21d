using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Ingest.Data;

/// <summary>
/// A plan's framework rows as stored, retired ones included: what the lifecycle edits match against,
/// what the definition download is built from, and the before/after states the diff compares.
/// </summary>
public sealed class FrameworkState
{
    public required PlanRow Plan { get; init; }
    public required IReadOnlyList<string> Areas { get; init; }
    public required IReadOnlyList<GoalRow> Goals { get; init; }
    public required IReadOnlyList<TargetRow> Targets { get; init; }

    public static async Task<FrameworkState?> LoadAsync(
        DbConnection connection, DbTransaction? transaction, long planId, CancellationToken cancellationToken)
    {
        var plan = await connection.QuerySingleOrDefaultAsync<PlanRow>(new CommandDefinition(
            """
            SELECT id AS Id, slug AS Slug, name AS Name, municipality_code AS MunicipalityCode,
                   funding_period AS FundingPeriod, status AS Status, row_version AS RowVersion
            FROM plans WHERE id = @planId
            """,
            new { planId }, transaction, cancellationToken: cancellationToken));
        if (plan is null)
            return null;
        var areas = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT scope_code FROM plan_areas WHERE plan_id = @planId ORDER BY scope_code", new { planId }, transaction,
            cancellationToken: cancellationToken));
        var goals = (await connection.QueryAsync<GoalRow>(new CommandDefinition(
            """
            SELECT g.id AS Id, g.parent_goal_id AS ParentGoalId, p.goal_key AS ParentKey, g.kind AS Kind, g.goal_key AS GoalKey,
                   g.title AS Title, g.description AS Description, g.focus_area AS FocusArea, g.owning_body AS OwningBody,
                   g.retired_at AS RetiredAt, g.row_version AS RowVersion
            FROM goals g LEFT JOIN goals p ON p.id = g.parent_goal_id
            WHERE g.plan_id = @planId ORDER BY g.id
            """,
            new { planId }, transaction, cancellationToken: cancellationToken))).ToList();
        var targets = (await connection.QueryAsync<TargetRow>(new CommandDefinition(
            """
            SELECT t.id AS Id, t.goal_id AS GoalId, g.goal_key AS GoalKey, t.indicator_code AS IndicatorCode, t.scope_code AS ScopeCode,
                   t.subgroup AS Subgroup, t.baseline_period AS BaselinePeriod, t.baseline_value AS BaselineValue,
                   t.target_period AS TargetPeriod, t.target_value AS TargetValue, t.tolerance AS Tolerance, t.weight AS Weight,
                   t.benchmark_scope_code AS BenchmarkScopeCode, t.retired_at AS RetiredAt, t.row_version AS RowVersion
            FROM targets t JOIN goals g ON g.id = t.goal_id
            WHERE g.plan_id = @planId ORDER BY t.id
            """,
            new { planId }, transaction, cancellationToken: cancellationToken))).ToList();
        var milestones = (await connection.QueryAsync<(long TargetId, string Period, double Value)>(new CommandDefinition(
                """
                SELECT m.target_id, m.period, m.value
                FROM target_milestones m JOIN targets t ON t.id = m.target_id JOIN goals g ON g.id = t.goal_id
                WHERE g.plan_id = @planId
                """,
                new { planId }, transaction, cancellationToken: cancellationToken)))
            .ToLookup(m => m.TargetId);
        foreach (var target in targets)
        {
            target.Milestones = milestones[target.Id]
                .OrderBy(m => Period.Parse(m.Period))
                .Select(m => new MilestoneDefinition(m.Period, m.Value)).ToList();
        }
        return new FrameworkState { Plan = plan, Areas = areas.ToList(), Goals = goals, Targets = targets };
    }

    /// <summary>The current (not retired) framework as a definition: the JSON <c>PUT /plans/{slug}</c> takes back unchanged.</summary>
    public PlanDefinition ToDefinition()
    {
        var current = Goals.Where(g => g.RetiredAt is null).ToList();
        var targets = Targets.Where(t => t.RetiredAt is null).ToLookup(t => t.GoalId);
        var children = current.Where(g => g.ParentGoalId is not null).ToLookup(g => g.ParentGoalId!.Value);
        GoalDefinition Goal(GoalRow goal) => new(
            goal.GoalKey, goal.Title, goal.Kind, goal.Description, goal.FocusArea, goal.OwningBody,
            targets[goal.Id].Select(t => t.ToDefinition()).ToList(),
            children[goal.Id].Select(Goal).ToList());
        return new PlanDefinition(
            Plan.Slug, Plan.Name, Plan.MunicipalityCode, Plan.FundingPeriod, Plan.Status, Areas,
            current.Where(g => g.ParentGoalId is null).Select(Goal).ToList());
    }

    /// <summary>Every current entity with the state a person edits, keyed the way a PUT matches them.</summary>
    public IEnumerable<FrameworkEntity> Entities()
    {
        yield return new("plan", Plan.Slug, new JsonObject
        {
            ["name"] = Plan.Name,
            ["municipalityCode"] = Plan.MunicipalityCode,
            ["fundingPeriod"] = Plan.FundingPeriod,
            ["status"] = Plan.Status,
            ["areas"] = new JsonArray(Areas.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
        });
        foreach (var goal in Goals.Where(g => g.RetiredAt is null))
            yield return new("goal", goal.GoalKey, goal.ToJson());
        foreach (var target in Targets.Where(t => t.RetiredAt is null))
            yield return new("target", target.Key, target.ToJson());
    }

    public sealed class PlanRow
    {
        public long Id { get; set; }
        public string Slug { get; set; } = "";
        public string Name { get; set; } = "";
        public string MunicipalityCode { get; set; } = "";
        public string FundingPeriod { get; set; } = "";
        public string Status { get; set; } = "";
        public long RowVersion { get; set; }
    }

    public sealed class GoalRow
    {
        public long Id { get; set; }
        public long? ParentGoalId { get; set; }
        public string? ParentKey { get; set; }
        public string Kind { get; set; } = "";
        public string GoalKey { get; set; } = "";
        public string Title { get; set; } = "";
        public string? Description { get; set; }
        public string? FocusArea { get; set; }
        public string OwningBody { get; set; } = "";
        public string? RetiredAt { get; set; }
        public long RowVersion { get; set; }

        /// <summary>The fields a goal patch may change, with the goal's identity for the reader of a diff.</summary>
        public JsonObject ToJson() => new()
        {
            ["id"] = Id,
            ["key"] = GoalKey,
            ["parent"] = ParentKey,
            ["title"] = Title,
            ["description"] = Description,
            ["focusArea"] = FocusArea,
            ["owningBody"] = OwningBody,
        };
    }

    public sealed class TargetRow
    {
        public long Id { get; set; }
        public long GoalId { get; set; }
        public string GoalKey { get; set; } = "";
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
        public string? RetiredAt { get; set; }
        public long RowVersion { get; set; }
        public IReadOnlyList<MilestoneDefinition> Milestones { get; set; } = [];

        /// <summary>How a PUT finds this target again: goal key, indicator, area and subgroup.</summary>
        public string Key => TargetKey(GoalKey, IndicatorCode, ScopeCode, Subgroup);

        public static string TargetKey(string goalKey, string indicator, string scope, string? subgroup) =>
            string.IsNullOrEmpty(subgroup) ? $"{goalKey}/{indicator}/{scope}" : $"{goalKey}/{indicator}/{scope}/{subgroup}";

        public TargetDefinition ToDefinition() => new(
            IndicatorCode, ScopeCode, Subgroup.Length == 0 ? null : Subgroup, BaselinePeriod, BaselineValue, TargetPeriod, TargetValue,
            Tolerance, Weight, BenchmarkScopeCode, Milestones);

        public JsonObject ToJson()
        {
            var json = JsonSerializer.SerializeToNode(ToDefinition(), MetadataJson.Options)!.AsObject();
            json.Insert(0, "id", Id);
            json.Insert(1, "goal", GoalKey);
            return json;
        }
    }
}
