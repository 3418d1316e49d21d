using System.Data.Common;
using Monitoring.Core.Model;
using Monitoring.Ingest.Import;

namespace Monitoring.Ingest.Storage.Dialects;

/// <summary>
/// SQLite has no bulk protocol: rows are held, compared with the current versions in memory, and
/// written with one prepared statement reused per row inside the transaction.
/// </summary>
public sealed class SqliteObservationBatch(DbConnection connection, DbTransaction transaction) : IObservationBatch
{
    private readonly List<IncomingObservation> _rows = [];
    private readonly List<IncomingObservation> _created = [];
    private readonly List<(IncomingObservation Row, long ReplacesId)> _changed = [];

    public Task AddAsync(IncomingObservation row, CancellationToken cancellationToken)
    {
        _rows.Add(row);
        return Task.CompletedTask;
    }

    /// <summary>The rows are in memory anyway; the validator's own check is the cheaper one here.</summary>
    public bool FindsDuplicates => false;

    public Task<IReadOnlyList<RowError>> DuplicatesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RowError>>([]);

    public async Task<ChangeCounts> CompareAsync(CancellationToken cancellationToken)
    {
        var codes = _rows.Select(r => r.IndicatorCode).Distinct().ToList();
        var current = await ObservationStore.CurrentVersionsAsync(connection, transaction, codes);
        foreach (var row in _rows)
        {
            if (!current.TryGetValue(row.Key, out var stored))
                _created.Add(row);
            else if (!stored.SameAs(row))
                _changed.Add((row, stored.Id));
        }
        return new ChangeCounts(_created.Count, _changed.Count, _rows.Count - _created.Count - _changed.Count);
    }

    public async Task CommitAsync(long batchId, Action<int>? progress, CancellationToken cancellationToken)
    {
        await using (var retire = connection.CreateCommand())
        {
            retire.Transaction = transaction;
            retire.CommandText = "UPDATE observations SET is_current = 0 WHERE id = @id";
            var id = AddParameter(retire, "@id");
            foreach (var (_, replacesId) in _changed)
            {
                id.Value = replacesId;
                await retire.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText =
            """
            INSERT INTO observations (indicator_code, scope_code, period, period_start, period_end, subgroup,
                                      value, numerator, denominator, flags, batch_id, is_current)
            VALUES (@indicator, @scope, @period, @start, @end, @subgroup, @value, @numerator, @denominator, @flags, @batch, 1)
            """;
        var indicator = AddParameter(insert, "@indicator");
        var scope = AddParameter(insert, "@scope");
        var period = AddParameter(insert, "@period");
        var start = AddParameter(insert, "@start");
        var end = AddParameter(insert, "@end");
        var subgroup = AddParameter(insert, "@subgroup");
        var value = AddParameter(insert, "@value");
        var numerator = AddParameter(insert, "@numerator");
        var denominator = AddParameter(insert, "@denominator");
        var flags = AddParameter(insert, "@flags");
        AddParameter(insert, "@batch").Value = batchId;
        var done = 0;
        var writes = _created.Select(r => (Row: r, Flags: ObservationFlags.None))
            .Concat(_changed.Select(c => (c.Row, Flags: ObservationFlags.Revised)));
        foreach (var (row, rowFlags) in writes)
        {
            indicator.Value = row.IndicatorCode;
            scope.Value = row.ScopeCode;
            period.Value = row.Period.ToString();
            start.Value = row.Period.StartOrdinal;
            end.Value = row.Period.EndOrdinal;
            subgroup.Value = row.Subgroup;
            value.Value = row.Value;
            numerator.Value = (object?)row.Numerator ?? DBNull.Value;
            denominator.Value = (object?)row.Denominator ?? DBNull.Value;
            flags.Value = (int)rowFlags;
            await insert.ExecuteNonQueryAsync(cancellationToken);
            if (++done % 1000 == 0)
                progress?.Invoke(done);
        }
        progress?.Invoke(done);
    }

    private static DbParameter AddParameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
