using System.Security.Cryptography;
using Dapper;

namespace Monitoring.Ingest.Data;

/// <summary>Who a redeemed sign-in link signs in: a named person with a role and a plan scope (empty = every plan).</summary>
public sealed record SignInGrant(long LinkId, string PersonName, string Role, IReadOnlyList<string> PlanScope, string? SteeringGroup = null);

/// <summary>A sign-in link as admins list it: for whom, what it grants, and whether it was used.</summary>
public sealed record SignInLinkInfo(
    long Id, string PersonName, string Role, IReadOnlyList<string> PlanScope, string? SteeringGroup, string CreatedBy,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt);

/// <summary>
/// Personal sign-in links: one use, short-lived, kept only as a hash of their token, so the embedded
/// service has no passwords to keep. An admin creates one for a named person and hands it over.
/// </summary>
public sealed class SignInLinkStore(MonitoringDatabase database, TimeProvider clock)
{
    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>Creates a link and returns its id and token in clear text; this is the only time the token is seen.</summary>
    public async Task<(long Id, string Token, DateTimeOffset ExpiresAt)> CreateAsync(
        string personName, string role, IReadOnlyList<string>? planScope, TimeSpan lifetime, string createdBy,
        string? steeringGroup = null, CancellationToken cancellationToken = default)
    {
        var token = NewToken();
        var now = clock.GetUtcNow();
        var expiresAt = now + lifetime;
        await using var connection = await database.OpenAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO sign_in_links (token_hash, person_name, role, plan_scope, created_by, created_at, expires_at, steering_group)
            VALUES (@hash, @personName, @role, @scope, @createdBy, @now, @expires, @steeringGroup) RETURNING id
            """,
            new
            {
                hash = ApiKeyStore.Hash(token), personName, role, scope = PlanScopeText.Format(planScope), createdBy,
                now = StoredTextTypes.Timestamp(now), expires = StoredTextTypes.Timestamp(expiresAt), steeringGroup,
            },
            cancellationToken: cancellationToken));
        return (id, token, expiresAt);
    }

    /// <summary>
    /// Uses up the link with this token and says whom it signs in; null when the token is unknown,
    /// used or expired. The update is the check, so two simultaneous openings cannot both succeed.
    /// </summary>
    public async Task<SignInGrant?> RedeemAsync(string token, CancellationToken cancellationToken = default)
    {
        var now = StoredTextTypes.Timestamp(clock.GetUtcNow());
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<LinkRow>(new CommandDefinition(
            """
            UPDATE sign_in_links SET used_at = @now
            WHERE token_hash = @hash AND used_at IS NULL AND expires_at > @now
            RETURNING id AS Id, person_name AS PersonName, role AS Role, plan_scope AS PlanScope, steering_group AS SteeringGroup
            """,
            new { hash = ApiKeyStore.Hash(token), now }, cancellationToken: cancellationToken));
        return row is null ? null : new SignInGrant(row.Id, row.PersonName, row.Role, PlanScopeText.Parse(row.PlanScope), row.SteeringGroup);
    }

    /// <summary>Every link still on record, newest first; never a token (only its hash is kept).</summary>
    public async Task<IReadOnlyList<SignInLinkInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<InfoRow>(new CommandDefinition(
            """
            SELECT id AS Id, person_name AS PersonName, role AS Role, plan_scope AS PlanScope, steering_group AS SteeringGroup,
                   created_by AS CreatedBy, created_at AS CreatedAt, expires_at AS ExpiresAt, used_at AS UsedAt
            FROM sign_in_links ORDER BY id DESC
            """, cancellationToken: cancellationToken));
        return rows.Select(r => new SignInLinkInfo(
            r.Id, r.PersonName, r.Role, PlanScopeText.Parse(r.PlanScope), r.SteeringGroup, r.CreatedBy, r.CreatedAt, r.ExpiresAt, r.UsedAt)).ToList();
    }

    /// <summary>
    /// Revokes a link nobody has used yet by removing it, so its token can never sign anyone in; the audit
    /// log keeps who made and who revoked it. False when there is no such link or it was used already
    /// (a used link is spent; its session ends by sign-out or idle timeout).
    /// </summary>
    public async Task<bool> RevokeUnusedAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM sign_in_links WHERE id = @id AND used_at IS NULL", new { id }, cancellationToken: cancellationToken)) == 1;
    }

    private sealed class InfoRow
    {
        public long Id { get; set; }
        public string PersonName { get; set; } = "";
        public string Role { get; set; } = "";
        public string? PlanScope { get; set; }
        public string? SteeringGroup { get; set; }
        public string CreatedBy { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset ExpiresAt { get; set; }
        public DateTimeOffset? UsedAt { get; set; }
    }

    private sealed class LinkRow
    {
        public long Id { get; set; }
        public string PersonName { get; set; } = "";
        public string Role { get; set; } = "";
        public string? PlanScope { get; set; }
        public string? SteeringGroup { get; set; }
    }
}
