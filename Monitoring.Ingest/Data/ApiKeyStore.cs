using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace Monitoring.Ingest.Data;

/// <summary>A caller's identity as established by an API key.</summary>
public sealed record ApiKeyHolder(long Id, string Name, string Role, IReadOnlyList<string>? PlanScope);

/// <summary>
/// API keys, stored only as SHA-256 hashes. Keys are 256-bit random values, so a fast hash is
/// enough: there is nothing to brute-force that a slow hash would protect.
/// </summary>
public sealed class ApiKeyStore(MonitoringDatabase database, TimeProvider clock)
{
    public static string NewKey() => "mon_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public async Task<ApiKeyHolder?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            "SELECT id AS Id, name AS Name, role AS Role, plan_scope AS PlanScope FROM api_keys WHERE key_hash = @hash AND revoked_at IS NULL",
            new { hash = Hash(key) }, cancellationToken: cancellationToken));
        return row is null
            ? null
            : new ApiKeyHolder(row.Id, row.Name, row.Role, row.PlanScope?.Split(',', StringSplitOptions.RemoveEmptyEntries));
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
        string name, string role, IReadOnlyList<string>? planScope = null, CancellationToken cancellationToken = default)
    {
        var key = NewKey();
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO api_keys (name, key_hash, role, plan_scope, created_at) VALUES (@name, @hash, @role, @scope, @at)",
            new
            {
                name, hash = Hash(key), role, scope = planScope is null ? null : string.Join(',', planScope),
                at = clock.GetUtcNow().ToString("O"),
            },
            cancellationToken: cancellationToken));
        return key;
    }

    private sealed class KeyRow
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public string Role { get; set; } = "";
        public string? PlanScope { get; set; }
    }
}
