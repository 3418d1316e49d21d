using System.Globalization;
using Dapper;

namespace Monitoring.Ingest.Data;

/// <summary>Dated snapshots of each plan's evaluation: one per plan and day, the day's last run wins.</summary>
public sealed class PlanSnapshotStore(MonitoringDatabase database, TimeProvider clock)
{
    public async Task SaveAsync(string planSlug, DateOnly asOf, string json, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO plan_snapshots (plan_slug, as_of, content, created_at) VALUES (@planSlug, @asOf, @json, @now)
            ON CONFLICT (plan_slug, as_of) DO UPDATE SET content = excluded.content, created_at = excluded.created_at
            """,
            new { planSlug, asOf = AsText(asOf), json, now = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) },
            cancellationToken: cancellationToken));
    }

    /// <summary>The latest snapshot on or before <paramref name="asOf"/>: the picture the board saw that day.</summary>
    public async Task<PlanSnapshot?> FindAsync(string planSlug, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<SnapshotRow>(new CommandDefinition(
            """
            SELECT plan_slug AS PlanSlug, as_of AS AsOf, content AS Content, created_at AS CreatedAt
            FROM plan_snapshots WHERE plan_slug = @planSlug AND as_of <= @asOf ORDER BY as_of DESC LIMIT 1
            """,
            new { planSlug, asOf = AsText(asOf) }, cancellationToken: cancellationToken));
        return row?.ToSnapshot();
    }

    public async Task<IReadOnlyList<DateOnly>> DatesAsync(string planSlug, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT as_of FROM plan_snapshots WHERE plan_slug = @planSlug ORDER BY as_of DESC",
            new { planSlug }, cancellationToken: cancellationToken));
        return rows.Select(r => DateOnly.ParseExact(r, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
    }

    private static string AsText(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class SnapshotRow
    {
        public string PlanSlug { get; set; } = "";
        public string AsOf { get; set; } = "";
        public string Content { get; set; } = "";
        public string CreatedAt { get; set; } = "";

        public PlanSnapshot ToSnapshot() => new(PlanSlug, DateOnly.ParseExact(AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Content, DateTimeOffset.Parse(CreatedAt, CultureInfo.InvariantCulture));
    }
}

public sealed record PlanSnapshot(string PlanSlug, DateOnly AsOf, string Content, DateTimeOffset CreatedAt);
