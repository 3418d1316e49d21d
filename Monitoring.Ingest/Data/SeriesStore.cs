using System.Data.Common;
using Dapper;

namespace Monitoring.Ingest.Data;

/// <summary>The integer ids that key observations: one per indicator, scope and subgroup, created on first use.</summary>
public static class SeriesStore
{
    public static Task<long> CreateAsync(
        DbConnection connection, DbTransaction transaction, string indicatorCode, string scopeCode, string subgroup,
        CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO series (indicator_code, scope_code, subgroup) VALUES (@indicatorCode, @scopeCode, @subgroup) RETURNING id",
            new { indicatorCode, scopeCode, subgroup }, transaction, cancellationToken: cancellationToken));
}
