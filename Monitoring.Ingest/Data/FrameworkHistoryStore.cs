using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using Dapper;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Ingest.Data;

/// <summary>One recorded framework change, as listed in a plan's history.</summary>
public sealed record FrameworkHistoryEntry(
    long Id, string Entity, string Key, string Action, string ChangedBy, DateTimeOffset ChangedAt, JsonNode? Before, JsonNode? After);

/// <summary>
/// The <c>framework_changes</c> table: every committed change to a plan's goals and targets, and to
/// the indicators and areas it uses, with who made it and the state before and after.
/// </summary>
public sealed class FrameworkHistoryStore(MonitoringDatabase database)
{
    /// <summary>Records the changes in the edit's own transaction, so history and framework never disagree.</summary>
    public static async Task RecordAsync(
        DbConnection connection, DbTransaction transaction, long? planId, IEnumerable<FrameworkChange> changes, string actor,
        DateTimeOffset at, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO framework_changes (plan_id, entity, entity_key, action, changed_by, changed_at, before_json, after_json)
                VALUES (@planId, @Entity, @Key, @Action, @actor, @at, @before, @after)
                """,
                new
                {
                    planId, change.Entity, change.Key, change.Action, actor,
                    at = at.ToString("O", CultureInfo.InvariantCulture),
                    before = change.Before?.ToJsonString(), after = change.After?.ToJsonString(),
                },
                transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>
    /// The plan's changes, newest first, with those to the indicators its targets use and the areas it
    /// covers (they change what the plan's pages show); null when there is no such plan.
    /// </summary>
    public async Task<IReadOnlyList<FrameworkHistoryEntry>?> ForPlanAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var planId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM plans WHERE slug = @slug", new { slug }, cancellationToken: cancellationToken));
        if (planId is null)
            return null;
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT id AS Id, entity AS Entity, entity_key AS EntityKey, action AS Action, changed_by AS ChangedBy,
                   changed_at AS ChangedAt, before_json AS BeforeJson, after_json AS AfterJson
            FROM framework_changes
            WHERE plan_id = @planId
               OR (entity = 'indicator' AND entity_key IN
                   (SELECT t.indicator_code FROM targets t JOIN goals g ON g.id = t.goal_id WHERE g.plan_id = @planId))
               OR (entity = 'area' AND entity_key IN (SELECT scope_code FROM plan_areas WHERE plan_id = @planId))
            ORDER BY id DESC
            """,
            new { planId }, cancellationToken: cancellationToken));
        return rows.Select(r => new FrameworkHistoryEntry(
            r.Id, r.Entity, r.EntityKey, r.Action, r.ChangedBy, DateTimeOffset.Parse(r.ChangedAt, CultureInfo.InvariantCulture),
            r.BeforeJson is null ? null : JsonNode.Parse(r.BeforeJson), r.AfterJson is null ? null : JsonNode.Parse(r.AfterJson))).ToList();
    }

    private sealed class Row
    {
        public long Id { get; set; }
        public string Entity { get; set; } = "";
        public string EntityKey { get; set; } = "";
        public string Action { get; set; } = "";
        public string ChangedBy { get; set; } = "";
        public string ChangedAt { get; set; } = "";
        public string? BeforeJson { get; set; }
        public string? AfterJson { get; set; }
    }
}
