using System.Data.Common;
using Dapper;
using Monitoring.Core.Model;

namespace Monitoring.Ingest.Data;

/// <summary>Areas and benchmark scopes.</summary>
public sealed class ScopeStore(MonitoringDatabase database)
{
    private const string SelectScopes =
        "SELECT code AS Code, name AS Name, kind AS Kind, municipality_code AS MunicipalityCode FROM scopes";

    public async Task<IReadOnlyList<Scope>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ScopeRow>(new CommandDefinition(
            SelectScopes + " ORDER BY code", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToScope()).ToList();
    }

    public async Task<Scope?> FindAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ScopeRow>(new CommandDefinition(
            SelectScopes + " WHERE code = @code", new { code }, cancellationToken: cancellationToken));
        return row?.ToScope();
    }

    /// <summary>Inserts the scope and moves the data version on (scope names are shown on charts); false when the code is taken.</summary>
    public async Task<bool> CreateAsync(Scope scope, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO scopes (code, name, kind, municipality_code)
            VALUES (@Code, @Name, @Kind, @MunicipalityCode)
            ON CONFLICT (code) DO NOTHING
            """,
            new { scope.Code, scope.Name, Kind = EnumText.ToText(scope.Kind), scope.MunicipalityCode },
            transaction, cancellationToken: cancellationToken));
        if (inserted != 1)
            return false;
        await DataVersionStore.BumpAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Changes an area's name and municipality in the caller's transaction; the code and kind stay as they are.</summary>
    public static Task UpdateTextsAsync(
        DbConnection connection, DbTransaction transaction, string code, string name, string? municipalityCode,
        CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE scopes SET name = @name, municipality_code = @municipalityCode WHERE code = @code",
            new { code, name, municipalityCode }, transaction, cancellationToken: cancellationToken));

    private sealed class ScopeRow
    {
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public string? MunicipalityCode { get; set; }

        public Scope ToScope() => new(Code, Name, EnumText.Parse<ScopeKind>(Kind), MunicipalityCode);
    }
}
