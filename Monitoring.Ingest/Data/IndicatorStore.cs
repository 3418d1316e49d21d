using System.Data.Common;
using Dapper;
using Monitoring.Core.Model;

namespace Monitoring.Ingest.Data;

/// <summary>Indicator definitions.</summary>
public sealed class IndicatorStore(MonitoringDatabase database)
{
    private const string SelectIndicators =
        """
        SELECT code AS Code, name AS Name, name_en AS NameEn, unit AS Unit, direction AS Direction,
               source AS Source, periodicity AS Periodicity, decimals AS Decimals,
               definition AS Definition, influenceable AS Influenceable,
               accepts_finer_periods AS AcceptsFinerPeriods
        FROM indicators
        """;

    public async Task<IReadOnlyList<Indicator>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ListAsync(connection, cancellationToken);
    }

    /// <summary>On a connection the caller holds, so a whole plan can be read on one connection.</summary>
    public static async Task<IReadOnlyList<Indicator>> ListAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        var rows = await connection.QueryAsync<IndicatorRow>(new CommandDefinition(
            SelectIndicators + " ORDER BY code", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToIndicator()).ToList();
    }

    public async Task<Indicator?> FindAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<IndicatorRow>(new CommandDefinition(
            SelectIndicators + " WHERE code = @code", new { code }, cancellationToken: cancellationToken));
        return row?.ToIndicator();
    }

    /// <summary>Inserts the indicator and moves the data version on (names and directions are shown and computed with); false when the code is taken.</summary>
    public async Task<bool> CreateAsync(Indicator indicator, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO indicators (code, name, name_en, unit, direction, source, periodicity, decimals, definition, influenceable, accepts_finer_periods)
            VALUES (@Code, @Name, @NameEn, @Unit, @Direction, @Source, @Periodicity, @Decimals, @Definition, @Influenceable, @AcceptsFinerPeriods)
            ON CONFLICT (code) DO NOTHING
            """,
            new
            {
                indicator.Code,
                indicator.Name,
                indicator.NameEn,
                Unit = EnumText.ToText(indicator.Unit),
                Direction = EnumText.ToText(indicator.Direction),
                Source = EnumText.ToText(indicator.Source),
                Periodicity = EnumText.ToText(indicator.Periodicity),
                indicator.Decimals,
                indicator.Definition,
                Influenceable = indicator.Influenceable ? 1 : 0,
                AcceptsFinerPeriods = indicator.AcceptsFinerPeriods ? 1 : 0,
            },
            transaction, cancellationToken: cancellationToken));
        if (inserted != 1)
            return false;
        await DataVersionStore.BumpAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Changes an indicator's texts and presentation (names, definition, decimals, influenceable) in the
    /// caller's transaction; the code and what is computed with (unit, direction, ...) stay as they are.
    /// </summary>
    public static Task UpdateTextsAsync(
        DbConnection connection, DbTransaction transaction, string code, string name, string? nameEn, string? definition,
        int decimals, bool influenceable, CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE indicators SET name = @name, name_en = @nameEn, definition = @definition, decimals = @decimals,
                   influenceable = @influenceableValue
            WHERE code = @code
            """,
            new { code, name, nameEn, definition, decimals, influenceableValue = influenceable ? 1 : 0 },
            transaction, cancellationToken: cancellationToken));

    private sealed class IndicatorRow
    {
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public string? NameEn { get; set; }
        public string Unit { get; set; } = "";
        public string Direction { get; set; } = "";
        public string Source { get; set; } = "";
        public string Periodicity { get; set; } = "";
        public int Decimals { get; set; }
        public string? Definition { get; set; }
        public bool Influenceable { get; set; }
        public bool AcceptsFinerPeriods { get; set; }

        public Indicator ToIndicator() => new(
            Code, Name, NameEn,
            EnumText.Parse<IndicatorUnit>(Unit),
            EnumText.Parse<Direction>(Direction),
            EnumText.Parse<IndicatorSource>(Source),
            EnumText.Parse<Periodicity>(Periodicity),
            Decimals, Definition, Influenceable, AcceptsFinerPeriods);
    }
}
