using System.Data.Common;
using Dapper;
using Monitoring.Ingest.Import;

namespace Monitoring.Ingest.Storage;

/// <summary>
/// Reads the stored versions an import is compared with. Writing goes through the provider's
/// <see cref="Dialects.IObservationWriter"/>: a new value for an existing key does not overwrite,
/// the old version is marked not current and kept, so history and "as of" queries still see it.
/// </summary>
public static class ObservationStore
{
    public static async Task<Dictionary<ObservationKey, StoredVersion>> CurrentVersionsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyCollection<string> indicatorCodes)
    {
        // One query per indicator keeps the SQL the same on every provider (no IN-list expansion).
        var versions = new Dictionary<ObservationKey, StoredVersion>();
        foreach (var indicatorCode in indicatorCodes)
        {
            var rows = await connection.QueryAsync<StoredVersion>(
                """
                SELECT id AS Id, indicator_code AS IndicatorCode, scope_code AS ScopeCode, subgroup AS Subgroup,
                       period AS Period, value AS Value, numerator AS Numerator, denominator AS Denominator
                FROM observations
                WHERE is_current = 1 AND indicator_code = @indicatorCode
                """,
                new { indicatorCode }, transaction);
            foreach (var row in rows)
                versions.Add(new ObservationKey(row.IndicatorCode, row.ScopeCode, row.Subgroup, row.Period), row);
        }
        return versions;
    }

    public sealed class StoredVersion
    {
        public long Id { get; set; }
        public string IndicatorCode { get; set; } = "";
        public string ScopeCode { get; set; } = "";
        public string Subgroup { get; set; } = "";
        public string Period { get; set; } = "";
        public double? Value { get; set; }
        public double? Numerator { get; set; }
        public double? Denominator { get; set; }

        public bool SameAs(IncomingObservation row) =>
            Value == row.Value && Numerator == row.Numerator && Denominator == row.Denominator;
    }
}
