using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Monitoring.Core.Chain;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Ingest.Data;

/// <summary>
/// Sub-agreements and their activities (sql/*/V0015). An activity is never changed in place: each
/// change adds a version with who and when, and a read <c>asOf</c> a moment takes each activity's
/// latest version from before it, so the chain can be shown as it stood.
/// </summary>
public sealed class ChainStore(MonitoringDatabase database, TimeProvider clock)
{
    private const string SelectVersion =
        """
        SELECT v.activity_id AS Id, a.sub_agreement_id AS SubAgreementId, v.title AS Title, v.description AS Description,
               v.partner AS Partner, v.start_date AS StartDate, v.end_date AS EndDate, v.status AS Status,
               v.milestones AS Milestones, v.budget AS Budget, v.indicator_codes AS IndicatorCodes,
               v.valid_from AS ValidFrom, v.changed_by AS ChangedBy
        FROM activity_versions v JOIN activities a ON a.id = v.activity_id
        """;

    // Each activity's latest version at or before @asOf: the version with no later one that is also due.
    private const string LatestAsOf =
        """
         v.valid_from <= @asOf AND NOT EXISTS (
            SELECT 1 FROM activity_versions w
            WHERE w.activity_id = v.activity_id AND w.valid_from <= @asOf
              AND (w.valid_from > v.valid_from OR (w.valid_from = v.valid_from AND w.id > v.id)))
        """;

    /// <summary>The plan's sub-agreements with their activities as they stood at <paramref name="asOf"/> (now when null).</summary>
    public async Task<IReadOnlyList<SubAgreement>> ForPlanAsync(string planSlug, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var at = Stamp(asOf);
        var rows = (await connection.QueryAsync<SubAgreementRow>(new CommandDefinition(
            """
            SELECT s.id AS Id, p.slug AS PlanSlug, s.title AS Title, s.focus_area AS FocusArea, s.steering_group AS SteeringGroup, s.period AS Period
            FROM sub_agreements s JOIN plans p ON p.id = s.plan_id
            WHERE p.slug = @planSlug AND s.created_at <= @at ORDER BY s.id
            """, new { planSlug, at }, cancellationToken: cancellationToken))).ToList();
        var goals = (await connection.QueryAsync<(long SubAgreementId, long GoalId)>(new CommandDefinition(
                """
                SELECT g.sub_agreement_id, g.goal_id FROM sub_agreement_goals g
                JOIN sub_agreements s ON s.id = g.sub_agreement_id JOIN plans p ON p.id = s.plan_id
                WHERE p.slug = @planSlug ORDER BY g.goal_id
                """, new { planSlug }, cancellationToken: cancellationToken)))
            .ToLookup(g => g.SubAgreementId, g => g.GoalId);
        var activities = (await connection.QueryAsync<ActivityRow>(new CommandDefinition(
                SelectVersion +
                " JOIN sub_agreements s ON s.id = a.sub_agreement_id JOIN plans p ON p.id = s.plan_id WHERE p.slug = @planSlug AND" +
                LatestAsOf + " ORDER BY v.activity_id",
                new { planSlug, asOf = at }, cancellationToken: cancellationToken)))
            .Select(r => r.ToActivity())
            .ToLookup(a => a.SubAgreementId);
        return rows.Select(r => new SubAgreement(r.Id, r.PlanSlug, r.Title, r.FocusArea, r.SteeringGroup, r.Period,
            goals[r.Id].ToList(), activities[r.Id].ToList())).ToList();
    }

    /// <summary>The activity as it stood at <paramref name="asOf"/> (now when null); null when it did not exist then.</summary>
    public async Task<Activity?> FindActivityAsync(long id, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ActivityRow>(new CommandDefinition(
            SelectVersion + " WHERE v.activity_id = @id AND" + LatestAsOf, new { id, asOf = Stamp(asOf) }, cancellationToken: cancellationToken));
        return row?.ToActivity();
    }

    /// <summary>The plan an activity belongs to, for access and links; null when there is no such activity.</summary>
    public async Task<string?> PlanOfActivityAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT p.slug FROM activities a JOIN sub_agreements s ON s.id = a.sub_agreement_id JOIN plans p ON p.id = s.plan_id WHERE a.id = @id",
            new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>Every version of the activity, oldest first.</summary>
    public async Task<IReadOnlyList<Activity>> HistoryAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ActivityRow>(new CommandDefinition(
            SelectVersion + " WHERE v.activity_id = @id ORDER BY v.valid_from, v.id", new { id }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToActivity()).ToList();
    }

    /// <summary>Adds a sub-agreement with the goals it serves and its first activities, in one transaction; its id.</summary>
    /// <param name="recordedAt">When the agreement and its activities were recorded; now unless the samples date them back.</param>
    public async Task<long> CreateSubAgreementAsync(
        long planId, SubAgreementDraft draft, string author, DateTimeOffset? recordedAt = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var at = StoredTextTypes.Timestamp(recordedAt ?? clock.GetUtcNow());
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO sub_agreements (plan_id, title, focus_area, steering_group, period, created_by, created_at)
            VALUES (@planId, @Title, @FocusArea, @SteeringGroup, @Period, @author, @at) RETURNING id
            """,
            new { planId, draft.Title, draft.FocusArea, draft.SteeringGroup, draft.Period, author, at }, transaction, cancellationToken: cancellationToken));
        foreach (var goalId in draft.GoalIds.Distinct())
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO sub_agreement_goals (sub_agreement_id, goal_id) VALUES (@id, @goalId)", new { id, goalId }, transaction, cancellationToken: cancellationToken));
        }
        foreach (var activity in draft.Activities)
            await InsertActivityAsync(connection, transaction, id, activity, author, at, cancellationToken);
        await DataVersionStore.BumpAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>Adds activities to a sub-agreement in one transaction (all or none); their ids in order.</summary>
    public async Task<IReadOnlyList<long>> AddActivitiesAsync(long subAgreementId, IReadOnlyList<ActivityDraft> drafts, string author, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var at = StoredTextTypes.Timestamp(clock.GetUtcNow());
        var ids = new List<long>();
        foreach (var draft in drafts)
            ids.Add(await InsertActivityAsync(connection, transaction, subAgreementId, draft, author, at, cancellationToken));
        await DataVersionStore.BumpAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ids;
    }

    /// <summary>Records a new version of an existing activity, holding from now.</summary>
    public async Task ChangeActivityAsync(long id, ActivityDraft state, string author, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await InsertVersionAsync(connection, transaction, id, state, author, StoredTextTypes.Timestamp(clock.GetUtcNow()), cancellationToken);
        await DataVersionStore.BumpAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Adds new activities and new versions of existing ones in one transaction (all or none), at one
    /// moment with one author — an uploaded activity list; the new activities' ids in order.
    /// </summary>
    public async Task<IReadOnlyList<long>> SaveActivityListAsync(
        IReadOnlyList<(long SubAgreementId, ActivityDraft Draft)> created, IReadOnlyList<(long ActivityId, ActivityDraft Draft)> changed, string author,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var at = StoredTextTypes.Timestamp(clock.GetUtcNow());
        foreach (var (activityId, draft) in changed)
            await InsertVersionAsync(connection, transaction, activityId, draft, author, at, cancellationToken);
        var ids = new List<long>();
        foreach (var (subAgreementId, draft) in created)
            ids.Add(await InsertActivityAsync(connection, transaction, subAgreementId, draft, author, at, cancellationToken));
        await DataVersionStore.BumpAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ids;
    }

    private static async Task<long> InsertActivityAsync(
        DbConnection connection, DbTransaction transaction, long subAgreementId, ActivityDraft draft, string author, string at, CancellationToken cancellationToken)
    {
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO activities (sub_agreement_id, created_at) VALUES (@subAgreementId, @at) RETURNING id",
            new { subAgreementId, at }, transaction, cancellationToken: cancellationToken));
        await InsertVersionAsync(connection, transaction, id, draft, author, at, cancellationToken);
        return id;
    }

    private static Task<int> InsertVersionAsync(
        DbConnection connection, DbTransaction transaction, long activityId, ActivityDraft d, string author, string at, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO activity_versions (activity_id, valid_from, changed_by, title, description, partner, start_date, end_date, status, milestones, budget, indicator_codes)
            VALUES (@activityId, @at, @author, @Title, @Description, @Partner, @start, @end, @Status, @milestones, @budget, @codes)
            """,
            new
            {
                activityId, at, author, d.Title, d.Description, d.Partner,
                start = Date(d.Start), end = Date(d.End), d.Status,
                milestones = JsonSerializer.Serialize(d.Milestones, MetadataJson.Options),
                budget = JsonSerializer.Serialize(d.Budget, MetadataJson.Options),
                codes = JsonSerializer.Serialize(d.IndicatorCodes, MetadataJson.Options),
            },
            transaction, cancellationToken: cancellationToken));

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Far in the future when no moment is asked for, so "now" needs no second clock read.
    private string Stamp(DateTimeOffset? asOf) => StoredTextTypes.Timestamp((asOf ?? clock.GetUtcNow().AddYears(100)).ToUniversalTime());

    private sealed record SubAgreementRow(long Id, string PlanSlug, string Title, string? FocusArea, string SteeringGroup, string Period);

    private sealed class ActivityRow
    {
        public long Id { get; init; }
        public long SubAgreementId { get; init; }
        public string Title { get; init; } = "";
        public string? Description { get; init; }
        public string Partner { get; init; } = "";
        public string StartDate { get; init; } = "";
        public string EndDate { get; init; } = "";
        public string Status { get; init; } = "";
        public string Milestones { get; init; } = "[]";
        public string Budget { get; init; } = "[]";
        public string IndicatorCodes { get; init; } = "[]";
        public string ValidFrom { get; init; } = "";
        public string ChangedBy { get; init; } = "";

        public Activity ToActivity() => new(
            Id, SubAgreementId, Title, Description, Partner,
            DateOnly.ParseExact(StartDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateOnly.ParseExact(EndDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Status,
            JsonSerializer.Deserialize<List<Milestone>>(Milestones, MetadataJson.Options) ?? [],
            JsonSerializer.Deserialize<List<BudgetYear>>(Budget, MetadataJson.Options) ?? [],
            JsonSerializer.Deserialize<List<string>>(IndicatorCodes, MetadataJson.Options) ?? [],
            DateTimeOffset.Parse(ValidFrom, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            ChangedBy);
    }
}

/// <summary>A new sub-agreement as checked by the caller: goal ids belong to the plan.</summary>
public sealed record SubAgreementDraft(
    string Title, string? FocusArea, string SteeringGroup, string Period, IReadOnlyList<long> GoalIds, IReadOnlyList<ActivityDraft> Activities);

/// <summary>An activity's state as checked by the caller (status one of <see cref="ActivityStatus"/>, start not after end).</summary>
public sealed record ActivityDraft(
    string Title, string? Description, string Partner, DateOnly Start, DateOnly End, string Status,
    IReadOnlyList<Milestone> Milestones, IReadOnlyList<BudgetYear> Budget, IReadOnlyList<string> IndicatorCodes)
{
    public static ActivityDraft Of(Activity a) => new(a.Title, a.Description, a.Partner, a.Start, a.End, a.Status, a.Milestones, a.Budget, a.IndicatorCodes);
}
