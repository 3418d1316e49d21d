using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace Monitoring.Ingest.Data;

/// <summary>A caller's identity as established by an API key; an empty or null plan scope means every plan.</summary>
public sealed record ApiKeyHolder(long Id, string Name, string Role, IReadOnlyList<string>? PlanScope);

/// <summary>A key as an admin sees it in the list: never the secret, which is kept only as a hash.</summary>
public sealed record ApiKeyInfo(
    long Id, string Name, string Role, IReadOnlyList<string> PlanScope, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// API keys, stored only as SHA-256 hashes. Keys are 256-bit random values, so a fast hash is
/// enough: there is nothing to brute-force that a slow hash would protect.
/// </summary>
public sealed class ApiKeyStore(MonitoringDatabase database, TimeProvider clock)
{
    /// <summary>Last use is written at most this often per key, so reads do not turn into a write each.</summary>
    private static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    private const string Columns =
        "id AS Id, name AS Name, role AS Role, plan_scope AS PlanScope, created_at AS CreatedAt, expires_at AS ExpiresAt, last_used_at AS LastUsedAt, revoked_at AS RevokedAt";

    public static string NewKey() => "mon_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The holder of a live key (not revoked, not expired), recording its use; null for any other key.</summary>
    public async Task<ApiKeyHolder?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            $"SELECT {Columns} FROM api_keys WHERE key_hash = @hash AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @now)",
            new { hash = Hash(key), now = StoredTextTypes.Timestamp(now) }, cancellationToken: cancellationToken));
        if (row is null)
            return null;
        if (row.LastUsedAt is null || now - row.LastUsedAt.Value >= LastUseResolution)
            await RecordUseAsync(connection, row.Id, now, cancellationToken);
        return new ApiKeyHolder(row.Id, row.Name, row.Role, PlanScopeText.Parse(row.PlanScope));
    }

    /// <summary>
    /// Best effort: on SQLite a long import holds the only write lock, and a caller must not wait
    /// for it just to have its key's last use noted. The next request after the import notes it.
    /// </summary>
    private static async Task RecordUseAsync(System.Data.Common.DbConnection connection, long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE api_keys SET last_used_at = @now WHERE id = @id", new { id, now = StoredTextTypes.Timestamp(now) },
                commandTimeout: 1, cancellationToken: cancellationToken));
        }
        catch (System.Data.Common.DbException)
        {
            // Busy: the use is recorded by a later request.
        }
    }

    public async Task<bool> AnyWithRoleAsync(string role, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM api_keys WHERE role = @role AND revoked_at IS NULL", new { role },
            cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Creates a key and returns it in clear text; this is the only time it is seen.</summary>
    public async Task<string> CreateAsync(
        string name, string role, IReadOnlyList<string>? planScope = null, CancellationToken cancellationToken = default) =>
        (await CreateAsync(name, role, planScope, expiresAt: null, cancellationToken)).Key;

    /// <summary>Creates a key with an optional expiry; returns its id and the clear key, shown this once.</summary>
    public async Task<(long Id, string Key)> CreateAsync(
        string name, string role, IReadOnlyList<string>? planScope, DateTimeOffset? expiresAt, CancellationToken cancellationToken = default)
    {
        var key = NewKey();
        await using var connection = await database.OpenAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO api_keys (name, key_hash, role, plan_scope, created_at, expires_at)
            VALUES (@name, @hash, @role, @scope, @at, @expires) RETURNING id
            """,
            new
            {
                name, hash = Hash(key), role, scope = PlanScopeText.Format(planScope),
                at = StoredTextTypes.Timestamp(clock.GetUtcNow()),
                expires = expiresAt is { } e ? StoredTextTypes.Timestamp(e.ToUniversalTime()) : null,
            },
            cancellationToken: cancellationToken));
        return (id, key);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<KeyRow>(new CommandDefinition(
            $"SELECT {Columns} FROM api_keys ORDER BY id", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToInfo()).ToList();
    }

    public async Task<ApiKeyInfo?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            $"SELECT {Columns} FROM api_keys WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToInfo();
    }

    /// <summary>Revokes a key for good; false when there is no such key. Revoking twice keeps the first time.</summary>
    public async Task<bool> RevokeAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL",
            new { id, at = StoredTextTypes.Timestamp(clock.GetUtcNow()) }, cancellationToken: cancellationToken));
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM api_keys WHERE id = @id", new { id }, cancellationToken: cancellationToken)) > 0;
    }

    private sealed class KeyRow
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public string Role { get; set; } = "";
        public string? PlanScope { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? ExpiresAt { get; set; }
        public DateTimeOffset? LastUsedAt { get; set; }
        public DateTimeOffset? RevokedAt { get; set; }

        public ApiKeyInfo ToInfo() => new(Id, Name, Role, PlanScopeText.Parse(PlanScope), CreatedAt, ExpiresAt, LastUsedAt, RevokedAt);
    }
}
