using Dapper;
using Monitoring.Core.Model;

namespace Monitoring.Ingest.Data;

/// <summary>Subgroup dimensions and their allowed values, in their declared order.</summary>
public sealed class DimensionStore(MonitoringDatabase database)
{
    public async Task<IReadOnlyList<Dimension>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var dimensions = await connection.QueryAsync<(string Code, string Label)>(new CommandDefinition(
            "SELECT code, label FROM dimensions ORDER BY code", cancellationToken: cancellationToken));
        var values = (await connection.QueryAsync<(string Dimension, string Code, string Label)>(new CommandDefinition(
                "SELECT dimension_code, code, label FROM dimension_values ORDER BY dimension_code, position",
                cancellationToken: cancellationToken)))
            .ToLookup(v => v.Dimension, StringComparer.Ordinal);
        return dimensions
            .Select(d => new Dimension(d.Code, d.Label, values[d.Code].Select(v => new DimensionValue(v.Code, v.Label)).ToList()))
            .ToList();
    }

    public async Task<Dimension?> FindAsync(string code, CancellationToken cancellationToken = default) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(d => string.Equals(d.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Inserts the dimension with its values (codes in lower case, the one stored spelling) and moves
    /// the data version on; false when the code is taken.
    /// </summary>
    public async Task<bool> CreateAsync(Dimension dimension, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var code = dimension.Code.ToLowerInvariant();
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO dimensions (code, label) VALUES (@code, @Label) ON CONFLICT (code) DO NOTHING",
            new { code, dimension.Label }, transaction, cancellationToken: cancellationToken));
        if (inserted != 1)
            return false;
        for (var i = 0; i < dimension.Values.Count; i++)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO dimension_values (dimension_code, code, label, position) VALUES (@code, @value, @Label, @position)",
                new { code, value = dimension.Values[i].Code.ToLowerInvariant(), dimension.Values[i].Label, position = i },
                transaction, cancellationToken: cancellationToken));
        }
        await DataVersionStore.BumpAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
