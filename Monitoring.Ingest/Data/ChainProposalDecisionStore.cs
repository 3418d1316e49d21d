using Dapper;

namespace Monitoring.Ingest.Data;

/// <summary>What the secretariat did with a proposed matter for the board (sql/*/V0015): confirmed with its comment, or dismissed.</summary>
public sealed class ChainProposalDecisionStore(MonitoringDatabase database, TimeProvider clock)
{
    public const string Confirmed = "confirmed";
    public const string Dismissed = "dismissed";

    public async Task<IReadOnlyDictionary<string, ProposalDecision>> ForPlanAsync(long planId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ProposalDecision>(new CommandDefinition(
            """
            SELECT proposal_key AS ProposalKey, state AS State, comment_id AS CommentId, decided_by AS DecidedBy, decided_at AS DecidedAt
            FROM chain_proposal_decisions WHERE plan_id = @planId
            """, new { planId }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.ProposalKey);
    }

    /// <summary>Records the decision; false when the proposal was already decided (the key is the table's key, so two at once cannot both win).</summary>
    public async Task<bool> RecordAsync(long planId, string key, string state, long? commentId, string author, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO chain_proposal_decisions (plan_id, proposal_key, state, comment_id, decided_by, decided_at)
            VALUES (@planId, @key, @state, @commentId, @author, @at) ON CONFLICT DO NOTHING
            """,
            new { planId, key, state, commentId, author, at = StoredTextTypes.Timestamp(clock.GetUtcNow()) }, cancellationToken: cancellationToken));
        return inserted == 1;
    }
}

/// <summary>A recorded decision on a proposal; <see cref="CommentId"/> is the decision comment of a confirmed one.</summary>
public sealed record ProposalDecision(string ProposalKey, string State, long? CommentId, string DecidedBy, string DecidedAt);
