using Dapper;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;

namespace Monitoring.Ingest.Data;

/// <summary>Qualitative context from the secretariat, shown beside the numbers and on charts.</summary>
public sealed class CommentStore(MonitoringDatabase database, TimeProvider clock)
{
    private const string Select =
        """
        SELECT c.id AS Id, p.slug AS PlanSlug, c.goal_id AS GoalId, c.indicator_code AS IndicatorCode, c.period AS Period,
               c.author AS Author, c.text AS Text, c.created_at AS CreatedAt,
               c.kind AS Kind, c.decision_type AS DecisionType
        FROM comments c JOIN plans p ON p.id = c.plan_id
        """;

    public async Task<IReadOnlyList<Comment>> ForIndicatorAsync(string indicatorCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Comment>(new CommandDefinition(
            Select + " WHERE c.indicator_code = @indicatorCode ORDER BY c.id DESC", new { indicatorCode }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task<IReadOnlyList<Comment>> ForPlanAsync(string planSlug, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Comment>(new CommandDefinition(
            Select + " WHERE p.slug = @planSlug ORDER BY c.id DESC", new { planSlug }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>Adds a comment and moves the data version on (comments are drawn on charts and quoted in the brief); null when the plan does not exist.</summary>
    public Task<long?> CreateAsync(
        string planSlug, long? goalId, string? indicatorCode, Period? period, string author, string text, CancellationToken cancellationToken = default) =>
        CreateAsync(planSlug, goalId, indicatorCode, period, author, text, CommentKinds.Note, null, cancellationToken);

    /// <summary>
    /// Adds a note or a decision for the board (<see cref="CommentKinds"/>); the caller has normalised
    /// kind and type with <see cref="CommentKinds.Normalise"/>, and a mismatch is refused here as well
    /// because SQLite could not be given the table constraint.
    /// </summary>
    public async Task<long?> CreateAsync(
        string planSlug, long? goalId, string? indicatorCode, Period? period, string author, string text, string kind, string? decisionType,
        CancellationToken cancellationToken = default)
    {
        if (CommentKinds.Normalise(kind, decisionType).Error is { } error)
            throw new ArgumentException(error.En, nameof(kind));
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO comments (plan_id, goal_id, indicator_code, period, author, text, created_at, kind, decision_type)
            SELECT id, @goalId, @indicatorCode, @period, @author, @text, @at, @kind, @decisionType FROM plans WHERE slug = @planSlug
            RETURNING id
            """,
            new { planSlug, goalId, indicatorCode, period = period?.ToString(), author, text, at = StoredTextTypes.Timestamp(clock.GetUtcNow()), kind, decisionType },
            transaction, cancellationToken: cancellationToken));
        if (id is null)
            return null;
        await DataVersionStore.BumpAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }
}
