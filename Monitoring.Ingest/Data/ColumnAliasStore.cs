using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Monitoring.Ingest.Data;

/// <summary>
/// Header names a deployment reads as one of the canonical columns, kept as metadata beside the
/// built-in Danish and English names (and the aliases in settings) so analysts' own exports import as they are.
/// </summary>
public sealed class ColumnAliasStore(MonitoringDatabase database, TimeProvider clock)
{
    public async Task<IReadOnlyList<ColumnAlias>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ListAsync(connection, null, cancellationToken);
    }

    /// <summary>The aliases on the importer's own connection, so a file is read with the aliases of its transaction.</summary>
    public static async Task<IReadOnlyList<ColumnAlias>> ListAsync(
        DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(string Alias, string Column)>(new CommandDefinition(
            "SELECT alias, column_name FROM column_aliases ORDER BY alias", transaction: transaction, cancellationToken: cancellationToken));
        return rows.Select(r => new ColumnAlias(r.Alias, r.Column)).ToList();
    }

    /// <summary>Adds or repoints an alias (stored trimmed and in lower case); true when it was new.</summary>
    public async Task<bool> PutAsync(string alias, string column, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var key = Normalise(alias);
        var existed = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM column_aliases WHERE alias = @key", new { key }, cancellationToken: cancellationToken)) > 0;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO column_aliases (alias, column_name, created_at) VALUES (@key, @column, @now)
            ON CONFLICT (alias) DO UPDATE SET column_name = excluded.column_name
            """,
            new { key, column, now = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) },
            cancellationToken: cancellationToken));
        return !existed;
    }

    public async Task<bool> DeleteAsync(string alias, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM column_aliases WHERE alias = @key", new { key = Normalise(alias) }, cancellationToken: cancellationToken)) == 1;
    }

    public static string Normalise(string alias) => alias.Trim().ToLowerInvariant();
}

/// <summary>A header name (<see cref="Alias"/>) read as the canonical column <see cref="Column"/>.</summary>
public sealed record ColumnAlias(string Alias, string Column);
